  /* ---- matrix view ---- */
  var sortCol = 2, sortDesc = true, MAXC = 120, MAXR = 1000;
  function matrixData() {
    var towns = [], regs = [], cell = {}, cnt = {};
    for (i = 0; i < NT; i++) if (V.inScope[i]) towns.push(i);
    LINKS.forEach(function (l, li) { if (V.linkOK[li] && band(l[1]) === 0) cell[l[0] + ':' + l[1]] = Math.max(1, COUNTS[li][1]); });
    V.bands[0].forEach(function (r) { regs.push(r); cnt[r] = V.deg[r]; });
    var rows = towns.map(function (t) {
      var vals = regs.map(function (r) { return cell[t + ':' + r] || 0; });
      return { t: t, key: [NODES[t][0], townCounty(t), vals.filter(function (v) { return v > 0; }).length].concat(vals) };
    });
    rows.sort(function (a, b) { var d = cmp(a.key[sortCol], b.key[sortCol]); return (sortDesc ? -d : d) || byLabel(a.t, b.t); });
    return { towns: towns, regs: regs, rows: rows };
  }
  function renderMatrix() {
    var m = matrixData(), regs = m.regs.slice(0, MAXC), rows = m.rows.slice(0, MAXR);
    $('kg-matrix-note').textContent = m.towns.length + ' 个乡镇 × ' + m.regs.length + ' 部法规' +
      (m.regs.length > MAXC ? '，表中列出引用最多的 ' + MAXC + ' 部' : '') + (m.rows.length > MAXR ? '、前 ' + MAXR + ' 行' : '') +
      '。格中数字为证据句数。点法规名看详情，点 ⇅ 排序；“下载 CSV”得到与本表相同的列（全部行）。';
    var table = $('kg-matrix'); table.textContent = '';
    var head = el('thead'), hr = el('tr');
    ['乡镇', '县级单位', '引用法规数'].concat(regs).forEach(function (name, c) {
      var th = el('th', c >= 3 ? 'kg-law' : c === 1 ? 'kg-county' : null);
      var label = c >= 3 ? NODES[name][1] : name;
      if (c >= 3) { var open = button('kg-head', label, function () { pick_(regs[c - 3]); }); open.title = NODES[name][0]; th.appendChild(open); }
      else th.appendChild(el('span', null, label));
      var sort = button('kg-sort', c === sortCol ? (sortDesc ? '↓' : '↑') : '⇅', function () {
        if (sortCol === c) sortDesc = !sortDesc; else { sortCol = c; sortDesc = c >= 2; }
        renderMatrix();
      });
      sort.title = '按此列排序';
      th.appendChild(sort);
      if (c === sortCol) th.className += ' kg-sorted';
      hr.appendChild(th);
    });
    head.appendChild(hr); table.appendChild(head);
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr'), name = el('th');
      name.appendChild(button('kg-link', row.key[0], function () { pick_(row.t); }));
      tr.appendChild(name);
      tr.appendChild(el('td', 'kg-county', row.key[1]));
      tr.appendChild(el('td', 'kg-n', row.key[2]));
      for (var c = 3; c < 3 + regs.length; c++) { var v = row.key[c]; tr.appendChild(el('td', v ? 'kg-n kg-hit' : 'kg-n', v || '')); }
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }
  function csvCell(s) {
    s = String(s);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function download(name, lines) {
    var blob = new Blob(['\ufeff' + lines.map(function (r) { return r.map(csvCell).join(','); }).join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    var a = el('a'); a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  $('kg-matrix-csv').addEventListener('click', function () {
    var m = matrixData();
    // the columns of township_law.csv: 乡镇, 县级单位, 乡镇IRI, 引用法规数, then one per law
    download('乡镇法规矩阵.csv', [['乡镇', '县级单位', '乡镇IRI', '引用法规数'].concat(m.regs.map(function (r) { return NODES[r][0]; }))]
      .concat(m.rows.map(function (r) {
        return [r.key[0], r.key[1], RESOURCE + NODES[r.t][5]].concat(r.key.slice(2).map(function (v, c) { return c >= 1 && !v ? '' : v; }));
      })));
  });

  /* ---- figure view: one kind of figure across townships ---- */
  var figSort = 3, figDesc = true;
  function figureNames() {
    var towns = {}, names = [];
    D.figures.forEach(function (f) {
      var t = D.reports[f[0]][3];
      if (t < 0 || !V.inScope[t]) return;
      var key = f[1];
      if (!towns[key]) { towns[key] = {}; names.push(key); }
      towns[key][t] = true;
    });
    var n = {}; names.forEach(function (k) { n[k] = Object.keys(towns[k]).length; });
    names.sort(function (a, b) { return n[b] - n[a] || cmp(a, b); });
    return names.map(function (k) { return [k, n[k]]; });
  }
  function renderFigures() {
    var sel = $('kg-fig-name'), want = sel.value, names = figureNames();
    sel.textContent = '';
    names.forEach(function (x) { var o = el('option', null, x[0] + '（' + x[1] + ' 个乡镇）'); o.value = x[0]; sel.appendChild(o); });
    if (names.some(function (x) { return x[0] === want; })) sel.value = want;
    var name = sel.value, rows = [];
    D.figures.forEach(function (f) {
      var t = D.reports[f[0]][3];
      if (f[1] !== name || t < 0 || !V.inScope[t]) return;
      var text = f[4] >= 0 ? D.sentences[f[4]] : '';
      rows.push({ t: t, key: [NODES[t][0], townCounty(t), D.reports[f[0]][2], +f[2], f[3], text] });
    });
    rows.sort(function (a, b) { var d = cmp(a.key[figSort], b.key[figSort]); return (figDesc ? -d : d) || byLabel(a.t, b.t); });
    $('kg-fig-note').textContent = names.length ? '“' + name + '”：' + rows.length + ' 条，来自 ' +
      names.filter(function (x) { return x[0] === name; })[0][1] + ' 个乡镇。点表头排序，点乡镇名看详情。' : '当前范围内没有指标。';
    var table = $('kg-figures'); table.textContent = '';
    var hr = el('tr');
    ['乡镇', '县级单位', '年度', '数值', '单位', '原句'].forEach(function (h, c) {
      var th = el('th');
      th.appendChild(button('kg-head', h + (c === figSort ? (figDesc ? ' ↓' : ' ↑') : ''), function () {
        if (figSort === c) figDesc = !figDesc; else { figSort = c; figDesc = c === 3; }
        renderFigures();
      }));
      hr.appendChild(th);
    });
    var thead = el('thead'); thead.appendChild(hr); table.appendChild(thead);
    var tbody = el('tbody');
    rows.forEach(function (r) {
      var tr = el('tr'), th = el('th');
      th.appendChild(button('kg-link', r.key[0], function () { pick_(r.t); }));
      tr.appendChild(th);
      tr.appendChild(el('td', null, r.key[1]));
      tr.appendChild(el('td', null, r.key[2]));
      tr.appendChild(el('td', 'kg-num', r.key[3]));
      tr.appendChild(el('td', null, r.key[4]));
      tr.appendChild(el('td', 'kg-q', r.key[5] || '（原句见 graph.ttl 或 kg serve）'));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }
  $('kg-fig-name').addEventListener('change', renderFigures);

  function showTab(which) {
    ['graph', 'matrix', 'figure'].forEach(function (t) {
      $('kg-' + t + 'view').hidden = t !== which;
      $('kg-tab-' + t).classList.toggle('kg-on', t === which);
    });
    if (which === 'matrix') renderMatrix(); else if (which === 'figure') renderFigures(); else if (network) fitView();
  }
  ['graph', 'matrix', 'figure'].forEach(function (t) { $('kg-tab-' + t).addEventListener('click', function () { showTab(t); }); });

