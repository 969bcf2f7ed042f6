  /* ---- side panel ---- */
  function chip(t) { var c = el('span', 'kg-chip', t.name); c.style.background = t.color; return c; }
  function nodeButton(k, extra) { return button('kg-link', NODES[k][0] + (extra ? '（' + extra + '）' : ''), function () { select(k, true); }); }
  function reportText(ri) {
    var r = D.reports[ri], bits = [];
    if (r[0]) bits.push(r[0]);
    if (r[2]) bits.push(r[2] + '年');
    if (r[1]) bits.push(r[1]);
    return bits.join(' · ') || '（无题报告）';
  }
  function quote(text, s, e, source) {
    var q = el('blockquote');
    var cps = Array.from(text);   // offsets count code points (Python); 𠀀 or an emoji is two JS units
    if (s >= 0 && e <= cps.length) {
      q.appendChild(document.createTextNode(cps.slice(0, s).join('')));
      q.appendChild(el('mark', null, cps.slice(s, e).join('')));
      q.appendChild(document.createTextNode(cps.slice(e).join('')));
    } else q.appendChild(document.createTextNode(text));
    q.appendChild(el('span', 'kg-src', source));
    return q;
  }
  function openPanel(title, type) {
    var body = $('kg-panel-body');
    body.textContent = '';
    body.appendChild(el('h2', null, title));
    if (type) { var meta = el('p', 'kg-meta'); meta.appendChild(chip(type)); body.appendChild(meta); }
    $('kg-panel').hidden = false;
    document.body.classList.add('kg-panel-open');
    return body;
  }
  function regionPath(g) { return ancestors(g).map(function (k) { return G[k][0]; }).join(' › '); }

  function showPanel(id) {
    var n = NODES[id], body = openPanel(n[0], typeOf(id));
    if (isTown(id)) return townPanel(id, body);
    if (n[4].length) body.appendChild(el('p', 'kg-meta', '别名：' + n[4].join('；')));
    var ls = nodeLinks[id].slice().sort(function (a, b) { return byLabel(LINKS[a][0], LINKS[b][0]); });
    body.appendChild(el('h3', null, '关联乡镇（' + ls.length + '）'));
    var tb = el('div', 'kg-links'); tb.id = 'kg-panel-towns';
    ls.forEach(function (li) { tb.appendChild(nodeButton(LINKS[li][0], townCounty(LINKS[li][0]))); });
    body.appendChild(tb);
    var all = [], total = 0;
    ls.forEach(function (li) { total += COUNTS[li][0]; for (j = 0; j < LINKS[li][2].length; j += 4) all.push([li, j]); });
    var h = el('h3', null, total > all.length ? '证据句（本页带 ' + all.length + ' 条，共 ' + total + ' 条）' : '证据句（' + all.length + '）');
    body.appendChild(h);
    var box = el('div'); box.id = 'kg-panel-evidence';
    var put = function (from, to) {
      for (var k = from; k < to; k++) {
        var li = all[k][0], ev = LINKS[li][2], at = all[k][1];
        box.appendChild(quote(D.sentences[ev[at + 1]], ev[at + 2], ev[at + 3], NODES[LINKS[li][0]][0] + ' — ' + reportText(ev[at])));
      }
    };
    put(0, Math.min(EV_FIRST, all.length));
    body.appendChild(box);
    if (all.length > EV_FIRST) {
      var more = button('kg-more', '显示全部 ' + all.length + ' 句', function () { put(EV_FIRST, all.length); more.remove(); });
      body.appendChild(more);
    }
    if (total > all.length) {
      if (SERVED) {
        var load = button('kg-more', '从服务器载入全部 ' + total + ' 条证据', function () { fetchEvidence(id, box, h, load); });
        load.id = 'kg-load-evidence';
        body.appendChild(load);
      } else {
        body.appendChild(el('p', 'kg-note', '本页只带前 ' + all.length + ' 条。要看全部 ' + total +
          ' 条：运行 kg serve --graph <输出目录>，在浏览器打开它给出的 /graph 地址，再点此实体。'));
      }
    }
  }
  function townPanel(id, body) {
    var g = NODES[id][3];
    if (g >= 0) body.appendChild(el('p', 'kg-meta', '地区：' + regionPath(g)));
    body.appendChild(el('h3', null, '报告（' + townReports[id].length + '）'));
    var ul = el('ul');
    townReports[id].forEach(function (ri) { ul.appendChild(el('li', null, reportText(ri))); });
    body.appendChild(ul);
    var figs = townFigures[id];
    if (figs.length) {
      body.appendChild(el('h3', null, '指标（' + figs.length + '）'));
      var table = el('table', 'kg-figs'); table.id = 'kg-panel-figures';
      var hr = el('tr');
      ['指标', '数值', '原句'].forEach(function (x) { hr.appendChild(el('th', null, x)); });
      table.appendChild(hr);
      figs.forEach(function (fi) {
        var f = D.figures[fi], tr = el('tr');
        tr.appendChild(el('td', null, f[1]));
        tr.appendChild(el('td', 'kg-num', f[2] + (f[3] || '')));
        var td = el('td', 'kg-q');
        if (f[4] >= 0 && f[5] >= 0) {       // the figure marked in up to 20 characters either side
          var cps = Array.from(D.sentences[f[4]]), a = Math.max(0, f[5] - 20), b = Math.min(cps.length, f[6] + 20);
          td.appendChild(document.createTextNode((a > 0 ? '…' : '') + cps.slice(a, f[5]).join('')));
          td.appendChild(el('mark', null, cps.slice(f[5], f[6]).join('')));
          td.appendChild(document.createTextNode(cps.slice(f[6], b).join('') + (b < cps.length ? '…' : '')));
        } else td.textContent = f[4] >= 0 ? D.sentences[f[4]] : '（原句见 graph.ttl 或 kg serve）';
        tr.appendChild(td);
        table.appendChild(tr);
      });
      body.appendChild(table);
    }
    T.slice(1).forEach(function (tt) {
      var ks = nodeLinks[id].map(function (li) { return LINKS[li][1]; }).filter(function (k) { return typeOf(k) === tt; }).sort(byLabel);
      if (!ks.length) return;
      body.appendChild(el('h3', null, tt.name + '（' + ks.length + '）'));
      var box = el('div', 'kg-links');
      ks.forEach(function (k) { box.appendChild(nodeButton(k)); });
      body.appendChild(box);
    });
  }
  function showGroupPanel(g) {
    var body = openPanel(G[g][0], null);
    body.appendChild(el('p', 'kg-meta', regionPath(g) + ' · ' + groupTowns[g].length + ' 个乡镇'));
    var sub = children[g].length ? children[g] : null;
    body.appendChild(el('h3', null, sub ? '下级地区（' + sub.length + '）' : '乡镇（' + groupTowns[g].length + '）'));
    var box = el('div', 'kg-links');
    if (sub) sub.forEach(function (k) { box.appendChild(button('kg-link', G[k][0] + '（' + groupTowns[k].length + '）', function () { drill(k, true); })); });
    else groupTowns[g].slice().sort(byLabel).forEach(function (t) { box.appendChild(nodeButton(t)); });
    body.appendChild(box);
    BANDS.forEach(function (b, bi) {
      var top = V.bands[bi].slice(0, 10);
      if (!top.length) return;
      body.appendChild(el('h3', null, b[0] + '：关联乡镇最多的 ' + top.length + ' 个'));
      var bx = el('div', 'kg-links');
      top.forEach(function (k) { bx.appendChild(nodeButton(k, V.deg[k] + ' 个乡镇')); });
      body.appendChild(bx);
    });
  }

  /* ---- full evidence from kg serve (same origin only) ---- */
  function fetchEvidence(id, box, h, btn) {
    var iri = RESOURCE + NODES[id][5];
    if (!/^[A-Za-z0-9:\/._-]+$/.test(iri)) return;
    btn.disabled = true; btn.textContent = '正在载入…';
    var q = 'SELECT ?town ?title ?year ?file ?text ?sb ?eb ?ee WHERE { ?ev a tkg:Evidence ; rdf:object <' + iri + '> ; ' +
      'rdf:subject ?t ; prov:wasDerivedFrom ?rep ; tkg:sentence ?s ; nif:beginIndex ?eb ; nif:endIndex ?ee . ' +
      '?s nif:anchorOf ?text ; nif:beginIndex ?sb . ?t rdfs:label ?town . OPTIONAL { ?rep rdfs:label ?title } ' +
      'OPTIONAL { ?rep tkg:year ?year } OPTIONAL { ?rep tkg:sourceFile ?file } } ORDER BY ?town ?year ?file ?sb ?eb';
    fetch('/query', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, body: q })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (res) {
        var rows = res.results.bindings, v = function (b, k) { return b[k] ? b[k].value : ''; };
        box.textContent = '';
        rows.forEach(function (b) {
          var sb = +v(b, 'sb'), src = [v(b, 'title'), v(b, 'year') ? v(b, 'year').slice(0, 4) + '年' : '', v(b, 'file')].filter(Boolean).join(' · ');
          box.appendChild(quote(v(b, 'text'), +v(b, 'eb') - sb, +v(b, 'ee') - sb, v(b, 'town') + ' — ' + src));
        });
        h.textContent = '证据句（全部 ' + rows.length + ' 条，来自服务器）';
        btn.remove();
      })
      .catch(function (e) { btn.disabled = false; btn.textContent = '载入失败（' + e.message + '），点此重试'; });
  }

