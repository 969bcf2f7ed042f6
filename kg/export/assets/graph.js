/* township-kg graph page. Every piece of data reaches the page through textContent,
   DOM properties or the vis-network canvas, never through innerHTML. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('kg-data').textContent);
  var T = D.types, NT = D.nTowns, NODES = D.nodes, LINKS = D.links, COUNTS = D.counts;
  var N = NODES.length, REG_KINDS = ['law', 'regulation', 'party_rule', 'policy', 'local'];
  var FONT = '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
  var EV_FIRST = 60;
  var EDGE_LIMIT = 4000;  // past this many links, only the selected node's are drawn unless asked
  var TOWN_FONT = { color: '#fff', size: 22, face: FONT, strokeWidth: 0 };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function typeOf(i) { return T[NODES[i][2]]; }
  function isTown(i) { return i < NT; }

  /* ---- derived data ---- */
  var nodeLinks = [], townReports = [], townYears = [], linkYears = [], i, j;
  for (i = 0; i < N; i++) { nodeLinks.push([]); }
  for (i = 0; i < NT; i++) { townReports.push([]); townYears.push({}); }
  D.reports.forEach(function (r, ri) {
    if (r[3] >= 0) { townReports[r[3]].push(ri); if (r[2]) townYears[r[3]][r[2]] = true; }
  });
  LINKS.forEach(function (l, li) {
    nodeLinks[l[0]].push(li); nodeLinks[l[1]].push(li);
    var ys = {}, ev = l[2], any = false;
    for (j = 0; j < ev.length; j += 4) { var y = D.reports[ev[j]][2]; if (y) { ys[y] = true; any = true; } }
    linkYears.push(any ? ys : townYears[l[0]]);
  });
  var degree = nodeLinks.map(function (ls) { return ls.length; });
  // a summary page (big builds): the entities most townships share, a few evidence sentences each
  var SUMMARY = (D.omitted || D.evLimit) ? '。本页为摘要：' +
    (D.omitted ? '只含关联乡镇最多的 ' + (N - NT) + ' 个实体（另有 ' + D.omitted + ' 个见 graph.ttl、township_law.csv）' : '') +
    (D.omitted && D.evLimit ? '，' : '') +
    (D.evLimit ? '每个实体至多显示 ' + D.evLimit + ' 条证据句（全部见 graph.ttl）' : '') : '';

  /* ---- state ---- */
  var S = { types: {}, kinds: {}, county: '', year: '', top: D.top || 0, pinned: {}, selected: null,
    allEdges: LINKS.length <= EDGE_LIMIT, limited: false };
  T.forEach(function (t) { S.types[t.key] = true; });
  var nodeVis = new Array(N), linkVis = new Array(LINKS.length), edgeVis = new Array(LINKS.length), visDeg = new Array(N);

  /* ---- vis-network ---- */
  var groups = {};
  T.forEach(function (t) {
    var g = { shape: t.shape, color: { background: t.color, border: t.color,
      highlight: { background: t.color, border: '#111' } } };
    if (t.key === 'town') {
      g.margin = { top: 6, bottom: 6, left: 10, right: 10 };
      g.color.highlight = { background: '#c0392b', border: '#7b241c' };
    }
    groups[t.key] = g;
  });
  var items = [];
  for (i = 0; i < N; i++) {
    var n = NODES[i], item = { id: i, x: n[3], y: n[4], group: T[n[2]].key, label: n[1] };
    if (isTown(i)) {
      var county = n[5] >= 0 ? D.counties[n[5]] : '';
      if (county) item.label = n[1] + '\n' + county;
      item.font = TOWN_FONT;  // per node: vis-network 9 does not apply a group's font
    } else {
      item.value = Math.log(1 + degree[i]);
    }
    items.push(item);
  }
  D.headings.forEach(function (h, k) {
    items.push({ id: 'h' + k, x: h[1], y: h[2], label: h[0], shape: 'text', chosen: false,
      font: { size: 30, color: '#7f8c8d', face: FONT, bold: true } });
  });
  var nodes = new vis.DataSet(items);
  var edges = new vis.DataSet(LINKS.map(function (l, li) { return { id: li, from: l[0], to: l[1] }; }));
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return typeof n.id === 'string' || nodeVis[n.id]; } });
  var edgesView = new vis.DataView(edges, { filter: function (e) { return edgeVis[e.id]; } });
  var big = LINKS.length > 4000;
  var network;

  function makeNetwork() {
    network = new vis.Network($('kg-graph'), { nodes: nodesView, edges: edgesView }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 1 },
      physics: { enabled: false, solver: 'forceAtlas2Based', stabilization: false },
      interaction: { hover: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 1e9,
        multiselect: false, selectConnectedEdges: true },
      nodes: { font: { face: FONT, size: 14, color: '#222', strokeWidth: 3, strokeColor: '#fff' },
        borderWidth: 1, shapeProperties: { interpolation: false },
        // size and label grow with the number of townships; small labels appear on zooming in
        scaling: { min: 7, max: 24, label: { enabled: true, min: 13, max: 26, maxVisible: 28, drawThreshold: 9 } } },
      edges: { smooth: false, width: 1, selectionWidth: 1.5,
        color: { color: 'rgba(110,120,135,0.28)', highlight: '#e74c3c', inherit: false } },
      groups: groups
    });
    network.on('click', function (p) {
      var id = p.nodes.length ? p.nodes[0] : null;
      if (typeof id === 'number') select(id, false); else if (!p.edges.length) clearSelection();
    });
  }

  function fitView() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.94, animation: false });  // room for the legend
  }

  /* ---- filters ---- */
  function applyFilters() {
    var county = S.county === '' ? -1 : +S.county, year = S.year, li, k;
    var townOK = new Array(NT), linkOK = new Array(LINKS.length);
    for (i = 0; i < NT; i++) {
      townOK[i] = (county < 0 || NODES[i][5] === county) && (!year || townYears[i][year] === true);
    }
    for (li = 0; li < LINKS.length; li++) {
      linkOK[li] = townOK[LINKS[li][0]] && (!year || linkYears[li][year] === true);
    }
    var cands = [];
    for (i = NT; i < N; i++) {
      var t = typeOf(i).key, on = S.types[t] && (REG_KINDS.indexOf(t) < 0 || (S.types.reg && S.kinds[t]));
      nodeVis[i] = false; visDeg[i] = 0;
      if (!on) continue;
      var ls = nodeLinks[i];
      for (k = 0; k < ls.length; k++) if (linkOK[ls[k]]) visDeg[i]++;
      if (visDeg[i] > 0 || (ls.length === 0 && county < 0 && !year)) cands.push(i);
    }
    if (S.top > 0 && cands.length > S.top) {
      cands.sort(function (a, b) { return visDeg[b] - visDeg[a] || (NODES[a][0] < NODES[b][0] ? -1 : NODES[a][0] > NODES[b][0] ? 1 : a - b); });
      cands.length = S.top;
    }
    cands.forEach(function (c) { nodeVis[c] = true; });
    for (i = 0; i < NT; i++) nodeVis[i] = S.types.town && townOK[i];
    Object.keys(S.pinned).forEach(function (p) { nodeVis[+p] = true; });
    var shownLinks = 0;
    for (li = 0; li < LINKS.length; li++) {
      var a = LINKS[li][0], b = LINKS[li][1];
      linkVis[li] = nodeVis[a] && nodeVis[b] && (linkOK[li] || (S.pinned[b] === true && nodeVis[a]));
      if (linkVis[li]) shownLinks++;
    }
    // thousands of lines only hide each other: draw the selected node's, the rest on request
    S.limited = !S.allEdges && shownLinks > EDGE_LIMIT;
    var sel = S.selected;
    for (li = 0; li < LINKS.length; li++) {
      edgeVis[li] = linkVis[li] && (!S.limited || LINKS[li][0] === sel || LINKS[li][1] === sel);
      if (linkVis[li] && !edgeVis[li]) shownLinks--;
    }
    var shown = 0;
    for (i = 0; i < N; i++) if (nodeVis[i]) shown++;
    $('kg-status').textContent = '显示 ' + shown + ' / ' + N + ' 个节点，' + shownLinks + ' / ' + LINKS.length + ' 条关系' +
      (S.limited ? '（关系线太多，只画所选节点的；勾选“全部关系线”可全画）' : '') +
      SUMMARY;
  }

  function refresh(fit) {
    applyFilters();
    nodesView.refresh(); edgesView.refresh();
    if (S.selected !== null && !nodeVis[S.selected]) clearSelection(); else if (S.selected !== null) highlight(S.selected);
    if (fit) fitView();
    if (!$('kg-matrixview').hidden) renderMatrix();
  }

  /* ---- highlight: dim everything not linked to the selected node ---- */
  var dimmed = {};
  var DIM = { color: { background: '#e4e7eb', border: '#d5d9de' }, font: { color: '#b8bdc4' },
    townFont: { color: '#9aa3ad', size: TOWN_FONT.size, face: FONT, strokeWidth: 0 } };
  function highlight(id) {
    var keep = {}, upd = [];
    keep[id] = true;
    nodeLinks[id].forEach(function (li) { if (linkVis[li]) { keep[LINKS[li][0]] = true; keep[LINKS[li][1]] = true; } });
    for (i = 0; i < N; i++) {
      var want = nodeVis[i] && !keep[i];
      if (want && !dimmed[i]) { upd.push({ id: i, color: DIM.color, font: isTown(i) ? DIM.townFont : DIM.font }); dimmed[i] = true; }
      else if (!want && dimmed[i]) { upd.push(restore(i)); delete dimmed[i]; }
    }
    if (upd.length) nodes.update(upd);
    network.selectNodes([id], true);
  }
  function restore(k) { return { id: k, color: null, font: isTown(k) ? TOWN_FONT : null }; }
  function undim() {
    var upd = Object.keys(dimmed).map(function (k) { return restore(+k); });
    dimmed = {};
    if (upd.length) nodes.update(upd);
  }

  function select(id, focus) {
    if (!nodeVis[id]) S.pinned[id] = true;
    S.selected = id;
    if (S.pinned[id] || S.limited) refresh(false);
    highlight(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showPanel(id);
  }
  function clearSelection() {
    var was = S.selected;
    S.selected = null;
    if (was !== null && S.limited) refresh(false);
    undim();
    network.unselectAll();
    $('kg-panel').hidden = true;
  }

  /* ---- side panel ---- */
  function chip(t) { var c = el('span', 'kg-chip', t.name); c.style.background = t.color; return c; }
  function nodeButton(k, extra) {
    var b = el('button', 'kg-link', NODES[k][0] + (extra ? '（' + extra + '）' : ''));
    b.type = 'button';
    b.addEventListener('click', function () { select(k, true); });
    return b;
  }
  function reportText(ri) {
    var r = D.reports[ri], bits = [];
    if (r[0]) bits.push(r[0]);
    if (r[2]) bits.push(r[2] + '年');
    if (r[1]) bits.push(r[1]);
    return bits.join(' · ') || '（无题报告）';
  }
  function evidenceItem(li, j) {
    var ev = LINKS[li][2], text = D.sentences[ev[j + 1]], s = ev[j + 2], e = ev[j + 3];
    var q = el('blockquote');
    var cps = Array.from(text);   // offsets count code points (Python); 𠀀 or an emoji is two JS units
    if (s >= 0 && e <= cps.length) {
      q.appendChild(document.createTextNode(cps.slice(0, s).join('')));
      q.appendChild(el('mark', null, cps.slice(s, e).join('')));
      q.appendChild(document.createTextNode(cps.slice(e).join('')));
    } else {
      q.appendChild(document.createTextNode(text));
    }
    q.appendChild(el('span', 'kg-src', NODES[LINKS[li][0]][0] + ' — ' + reportText(ev[j])));
    return q;
  }
  function byLabel(a, b) { return NODES[a][0] < NODES[b][0] ? -1 : NODES[a][0] > NODES[b][0] ? 1 : a - b; }

  function showPanel(id) {
    var body = $('kg-panel-body'), n = NODES[id], t = typeOf(id);
    body.textContent = '';
    body.appendChild(el('h2', null, n[0]));
    var meta = el('p', 'kg-meta'); meta.appendChild(chip(t)); body.appendChild(meta);
    if (isTown(id)) {
      if (n[5] >= 0) body.appendChild(el('p', 'kg-meta', '县级单位：' + D.counties[n[5]]));
      body.appendChild(el('h3', null, '报告（' + townReports[id].length + '）'));
      var ul = el('ul');
      townReports[id].forEach(function (ri) { ul.appendChild(el('li', null, reportText(ri))); });
      body.appendChild(ul);
      T.slice(1).forEach(function (tt) {
        var ks = nodeLinks[id].map(function (li) { return LINKS[li][1]; })
          .filter(function (k) { return typeOf(k) === tt; }).sort(byLabel);
        if (!ks.length) return;
        body.appendChild(el('h3', null, tt.name + '（' + ks.length + '）'));
        var box = el('div', 'kg-links');
        ks.forEach(function (k) { box.appendChild(nodeButton(k)); });
        body.appendChild(box);
      });
    } else {
      if (n[6].length) body.appendChild(el('p', 'kg-meta', '别名：' + n[6].join('；')));
      var ls = nodeLinks[id].slice().sort(function (a, b) { return byLabel(LINKS[a][0], LINKS[b][0]); });
      body.appendChild(el('h3', null, '关联乡镇（' + ls.length + '）'));
      var tb = el('div', 'kg-links');
      tb.id = 'kg-panel-towns';
      ls.forEach(function (li) {
        var k = LINKS[li][0], c = NODES[k][5];
        tb.appendChild(nodeButton(k, c >= 0 ? D.counties[c] : ''));
      });
      body.appendChild(tb);
      var all = [], total = 0;
      ls.forEach(function (li) { total += COUNTS[li][0]; for (j = 0; j < LINKS[li][2].length; j += 4) all.push([li, j]); });
      // a summary page (big builds) keeps only the first few evidence sentences of each entity
      body.appendChild(el('h3', null, total > all.length ?
        '证据句（显示前 ' + all.length + ' 条，共 ' + total + ' 条）' : '证据句（' + all.length + '）'));
      var box2 = el('div');
      box2.id = 'kg-panel-evidence';
      var put = function (from, to) { for (var k = from; k < to; k++) box2.appendChild(evidenceItem(all[k][0], all[k][1])); };
      put(0, Math.min(EV_FIRST, all.length));
      body.appendChild(box2);
      if (all.length > EV_FIRST) {
        var more = el('button', 'kg-more', '显示全部 ' + all.length + ' 句');
        more.type = 'button';
        more.addEventListener('click', function () { put(EV_FIRST, all.length); more.remove(); });
        body.appendChild(more);
      }
    }
    $('kg-panel').hidden = false;
  }

  /* ---- search ---- */
  var results = $('kg-results'), found = [];
  function search(q) {
    q = q.trim().toLowerCase();
    results.textContent = '';
    found = [];
    if (!q) { results.hidden = true; return; }
    for (i = 0; i < N; i++) {
      var n = NODES[i], l = n[0].toLowerCase(), rank = l === q ? 0 : l.indexOf(q) === 0 ? 1 : l.indexOf(q) > 0 ? 2 : -1;
      if (rank < 0) for (j = 0; j < n[6].length; j++) if (n[6][j].toLowerCase().indexOf(q) >= 0) { rank = 3; break; }
      if (rank >= 0) found.push([rank, -degree[i], i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || byLabel(a[2], b[2]); });
    found = found.slice(0, 30).map(function (f) { return f[2]; });
    if (!found.length) results.appendChild(el('li', 'kg-empty', '没有找到“' + q + '”'));
    found.forEach(function (k) {
      var li = el('li'), b = el('button'), t = typeOf(k), c = NODES[k][5];
      b.type = 'button';
      var tag = el('span', 'kg-type', t.name); tag.style.background = t.color;
      b.appendChild(tag);
      b.appendChild(el('span', null, NODES[k][0] + (c >= 0 ? '（' + D.counties[c] + '）' : '')));
      b.addEventListener('click', function () { pick(k); });
      li.appendChild(b); results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(k) { results.hidden = true; showTab('graph'); select(k, true); }
  var timer = null;
  $('kg-search').addEventListener('input', function (e) {
    clearTimeout(timer); var v = e.target.value; timer = setTimeout(function () { search(v); }, 100);
  });
  $('kg-search').addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { clearTimeout(timer); search(e.target.value); if (found.length) pick(found[0]); }
    if (e.key === 'Escape') results.hidden = true;
  });

  /* ---- matrix view ---- */
  var sortCol = 0, sortDesc = false;
  function renderMatrix() {
    var towns = [], regs = [], k;
    for (i = 0; i < NT; i++) if (nodeVis[i]) towns.push(i);
    var cell = {};
    LINKS.forEach(function (l, li) {
      var t = typeOf(l[1]).key;
      if (REG_KINDS.indexOf(t) < 0 || !linkVis[li]) return;
      cell[l[0] + ':' + l[1]] = Math.max(1, COUNTS[li][1]);
    });
    for (k = NT; k < N; k++) if (nodeVis[k] && REG_KINDS.indexOf(typeOf(k).key) >= 0) regs.push(k);
    var cnt = {};
    regs.forEach(function (r) { cnt[r] = 0; towns.forEach(function (t) { if (cell[t + ':' + r]) cnt[r]++; }); });
    regs.sort(function (a, b) { return cnt[b] - cnt[a] || byLabel(a, b); });
    var MAXC = 120, total = regs.length;
    if (regs.length > MAXC) regs.length = MAXC;
    $('kg-matrix-note').textContent = towns.length + ' 个乡镇 × ' + total + ' 部法规' +
      (total > MAXC ? '（表中只列引用最多的 ' + MAXC + ' 部；完整矩阵见同目录 township_law.csv）' : '（完整矩阵另见同目录 township_law.csv）') +
      '。格中数字为证据句数；点击表头排序，点击乡镇或法规名查看详情。';
    var rows = towns.map(function (t) {
      var vals = regs.map(function (r) { return cell[t + ':' + r] || 0; });
      var sum = vals.filter(function (v) { return v > 0; }).length;
      var c = NODES[t][5];
      return { t: t, key: [NODES[t][0], c >= 0 ? D.counties[c] : '', sum].concat(vals) };
    });
    rows.sort(function (a, b) {
      var x = a.key[sortCol], y = b.key[sortCol], d = x < y ? -1 : x > y ? 1 : 0;
      if (sortDesc) d = -d;
      return d || byLabel(a.t, b.t);
    });
    var table = $('kg-matrix'); table.textContent = '';
    var head = el('thead'), hr = el('tr');
    ['乡镇', '县级单位', '引用法规数'].concat(regs.map(function (r) { return NODES[r][0]; })).forEach(function (name, c) {
      var th = el('th', c >= 3 ? 'kg-law' : null, name);
      th.title = name + '（点击排序）';
      if (c === sortCol) th.className += ' kg-sorted';
      th.addEventListener('click', function () {
        if (sortCol === c) sortDesc = !sortDesc; else { sortCol = c; sortDesc = c >= 2; }
        renderMatrix();
      });
      if (c >= 3) th.addEventListener('dblclick', function () { pick(regs[c - 3]); });
      hr.appendChild(th);
    });
    head.appendChild(hr); table.appendChild(head);
    var tbody = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr'), name = el('th');
      var b = el('button', 'kg-link', row.key[0]); b.type = 'button';
      b.addEventListener('click', function () { pick(row.t); });
      name.appendChild(b); tr.appendChild(name);
      tr.appendChild(el('td', null, row.key[1]));
      tr.appendChild(el('td', 'kg-n', row.key[2]));
      for (var c = 3; c < row.key.length; c++) {
        var v = row.key[c];
        tr.appendChild(el('td', v ? 'kg-n kg-hit' : 'kg-n', v || ''));
      }
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }
  function showTab(which) {
    var m = which === 'matrix';
    $('kg-matrixview').hidden = !m; $('kg-graphview').hidden = m;
    $('kg-tab-matrix').classList.toggle('kg-on', m); $('kg-tab-graph').classList.toggle('kg-on', !m);
    if (m) renderMatrix(); else if (network) network.redraw();
  }
  $('kg-tab-graph').addEventListener('click', function () { showTab('graph'); });
  $('kg-tab-matrix').addEventListener('click', function () { showTab('matrix'); });

  /* ---- controls ---- */
  function checkbox(parent, key, text, color, store) {
    var lab = el('label'), box = el('input');
    box.type = 'checkbox'; box.checked = true; box.dataset.key = key;
    store[key] = true;
    box.addEventListener('change', function () { store[key] = box.checked; refresh(true); });
    lab.appendChild(box);
    if (color) { var sw = el('span', 'kg-chip', ' '); sw.style.background = color; sw.style.marginRight = '3px'; lab.appendChild(sw); }
    lab.appendChild(document.createTextNode(text));
    parent.appendChild(lab);
  }
  var tf = $('kg-f-types'), kf = $('kg-f-kinds');
  checkbox(tf, 'town', '乡镇', null, S.types);
  checkbox(tf, 'reg', '法规', null, S.types);
  checkbox(tf, 'mechanism', '机制', null, S.types);
  checkbox(tf, 'activity', '活动', null, S.types);
  T.forEach(function (t) { if (REG_KINDS.indexOf(t.key) >= 0) checkbox(kf, t.key, t.name, null, S.kinds); });
  REG_KINDS.forEach(function (k) { S.types[k] = true; });
  var cs = $('kg-f-county'), countyN = {};
  for (i = 0; i < NT; i++) if (NODES[i][5] >= 0) countyN[NODES[i][5]] = (countyN[NODES[i][5]] || 0) + 1;
  D.counties.forEach(function (c, k) { var o = el('option', null, c + '（' + (countyN[k] || 0) + '）'); o.value = String(k); cs.appendChild(o); });
  cs.addEventListener('change', function () { S.county = cs.value; refresh(true); });
  var ys = $('kg-f-year');
  D.years.forEach(function (y) { var o = el('option', null, y + '年'); o.value = y; ys.appendChild(o); });
  ys.addEventListener('change', function () { S.year = ys.value; refresh(true); });
  var top = $('kg-f-top');
  top.value = String(S.top);
  top.addEventListener('change', function () { S.top = Math.max(0, parseInt(top.value, 10) || 0); refresh(true); });
  var allEdges = $('kg-f-edges');
  allEdges.checked = S.allEdges;
  allEdges.addEventListener('change', function () { S.allEdges = allEdges.checked; refresh(false); });
  $('kg-f-physics').addEventListener('change', function (e) { network.setOptions({ physics: { enabled: e.target.checked } }); });
  $('kg-reset').addEventListener('click', function () {
    S.pinned = {}; S.county = ''; S.year = ''; S.top = D.top || 0;
    S.allEdges = LINKS.length <= EDGE_LIMIT;
    cs.value = ''; ys.value = ''; top.value = String(S.top);
    Array.prototype.forEach.call(document.querySelectorAll('#kg-filters input[type=checkbox]'), function (b) {
      if (b.id === 'kg-f-physics') { b.checked = false; return; }
      if (b.id === 'kg-f-edges') { b.checked = S.allEdges; return; }
      b.checked = true; (b.parentNode.parentNode === kf ? S.kinds : S.types)[b.dataset.key] = true;
    });
    network.setOptions({ physics: { enabled: false } });
    nodes.update(items.filter(function (it) { return typeof it.id === 'number'; }).map(function (it) { return { id: it.id, x: it.x, y: it.y }; }));
    clearSelection();
    refresh(true);
  });
  $('kg-panel-close').addEventListener('click', clearSelection);

  /* ---- legend ---- */
  var SVGNS = 'http://www.w3.org/2000/svg';
  function icon(t) {
    var s = document.createElementNS(SVGNS, 'svg'), shape, c = t.color;
    s.setAttribute('width', '16'); s.setAttribute('height', '16'); s.setAttribute('viewBox', '0 0 16 16');
    var pts = { diamond: '8,1 15,8 8,15 1,8', triangle: '8,1 15,14 1,14', triangleDown: '1,2 15,2 8,15',
      hexagon: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8',
      star: '8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6' }[t.shape];
    if (pts) { shape = document.createElementNS(SVGNS, 'polygon'); shape.setAttribute('points', pts); }
    else if (t.shape === 'dot') { shape = document.createElementNS(SVGNS, 'circle'); shape.setAttribute('cx', '8'); shape.setAttribute('cy', '8'); shape.setAttribute('r', '6.5'); }
    else { shape = document.createElementNS(SVGNS, 'rect'); shape.setAttribute('x', t.shape === 'box' ? '0.5' : '2'); shape.setAttribute('y', t.shape === 'box' ? '3' : '2'); shape.setAttribute('width', t.shape === 'box' ? '15' : '12'); shape.setAttribute('height', t.shape === 'box' ? '10' : '12'); shape.setAttribute('rx', t.shape === 'box' ? '2' : '0'); }
    shape.setAttribute('fill', c);
    s.appendChild(shape);
    return s;
  }
  var legend = $('kg-legend'), countT = {};
  for (i = 0; i < N; i++) countT[NODES[i][2]] = (countT[NODES[i][2]] || 0) + 1;
  T.forEach(function (t, k) {
    var row = el('span'); row.appendChild(icon(t)); row.appendChild(document.createTextNode(t.name + '（' + (countT[k] || 0) + '）'));
    legend.appendChild(row);
  });

  /* ---- start ---- */
  applyFilters();
  nodesView.refresh(); edgesView.refresh();  // the views took their ids before the filters were set
  makeNetwork();
  fitView();
  network.once('afterDrawing', function () { window.kgReady = true; document.body.dataset.ready = '1'; });
  window.kg = { select: function (label) {
    for (var k = 0; k < N; k++) if (NODES[k][0] === label) { select(k, true); return k; }
    return -1;
  }, state: S, network: network, fit: fitView, views: [nodesView, edgesView] };
})();
