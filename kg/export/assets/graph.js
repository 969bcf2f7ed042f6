/* township-kg graph page. Every piece of data reaches the page through textContent,
   DOM properties or the vis-network canvas, never through innerHTML.

   The page lays itself out. A view is a scope (all townships, or one region), the units
   drawn on the left (the scope's townships, or when they are more than unitsMax, its
   regions, each drawn once) and the entities most townships in the scope share, in three
   bands on the right. Both sides stand on grids whose pitch is the measured width of
   their labels, so no two labels overlap at any zoom; a click on a region drills down. */
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('kg-data').textContent);
  var T = D.types, NT = D.nTowns, NODES = D.nodes, LINKS = D.links, COUNTS = D.counts, G = D.groups;
  var N = NODES.length, NG = G.length, REG_KINDS = ['law', 'regulation', 'party_rule', 'policy', 'local'];
  var BANDS = [['法规', REG_KINDS], ['机制', ['mechanism']], ['活动', ['activity']]];
  var FONT = '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
  var SIZE = 16, ROWS = 12, ROW = 64, UNIT_GAP = 220, BAND_GAP = 70, EV_FIRST = 60;
  var SERVED = /^https?:$/.test(location.protocol);
  var RESOURCE = D.resource, OTHER = D.other;
  var i, j;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function button(cls, text, onClick) {
    var b = el('button', cls, text); b.type = 'button'; b.addEventListener('click', onClick); return b;
  }
  function typeOf(k) { return T[NODES[k][2]]; }
  function isTown(k) { return k < NT; }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function byLabel(a, b) { return cmp(NODES[a][0], NODES[b][0]) || a - b; }
  function band(k) { var t = typeOf(k).key; for (var b = 0; b < BANDS.length; b++) if (BANDS[b][1].indexOf(t) >= 0) return b; return -1; }

  /* ---- derived data ---- */
  var nodeLinks = [], townReports = [], townYears = [], linkYears = [], townFigures = [];
  for (i = 0; i < N; i++) nodeLinks.push([]);
  for (i = 0; i < NT; i++) { townReports.push([]); townYears.push({}); townFigures.push([]); }
  D.reports.forEach(function (r, ri) {
    if (r[3] >= 0) { townReports[r[3]].push(ri); if (r[2]) townYears[r[3]][r[2]] = true; }
  });
  D.figures.forEach(function (f, fi) { var t = D.reports[f[0]][3]; if (t >= 0) townFigures[t].push(fi); });
  LINKS.forEach(function (l, li) {
    nodeLinks[l[0]].push(li); nodeLinks[l[1]].push(li);
    var ys = {}, ev = l[2], any = false;
    for (j = 0; j < ev.length; j += 4) { var y = D.reports[ev[j]][2]; if (y) { ys[y] = true; any = true; } }
    linkYears.push(any ? ys : townYears[l[0]]);
  });
  var degree = nodeLinks.map(function (ls) { return ls.length; });
  var children = [], roots = [], groupTowns = [], depth = [];
  for (i = 0; i < NG; i++) { children.push([]); groupTowns.push([]); depth.push(G[i][1] < 0 ? 0 : depth[G[i][1]] + 1); }
  G.forEach(function (g, k) { if (g[1] < 0) roots.push(k); else children[g[1]].push(k); });
  for (i = 0; i < NT; i++) for (var g = NODES[i][3]; g >= 0; g = G[g][1]) groupTowns[g].push(i);
  function ancestors(k) { var out = []; for (; k >= 0; k = G[k][1]) out.unshift(k); return out; }
  function townCounty(t) { return NODES[t][3] >= 0 ? G[NODES[t][3]][0] : ''; }
  var SUMMARY = (D.omitted || D.evLimit) ? '本页为摘要：' +
    (D.omitted ? '只含关联乡镇最多的 ' + (N - NT) + ' 个实体（另有 ' + D.omitted + ' 个见 graph.ttl）' : '') +
    (D.omitted && D.evLimit ? '，' : '') +
    (D.evLimit ? '每个实体至多带 ' + D.evLimit + ' 条证据句' : '') +
    (SERVED ? '；点开实体可从服务器载入全部证据。' : '；运行 kg serve --graph <输出目录> 并打开其 /graph 页面可看全部证据。') : '';

  /* ---- state ---- */
  var FIRST = window.innerWidth < 600 ? Math.min(12, D.firstView) : D.firstView;   // phones: fewer at first
  var S = { types: { reg: true, mechanism: true, activity: true }, kinds: {}, scope: -1, year: '',
    top: FIRST, pinned: {}, selected: null };
  REG_KINDS.forEach(function (k) { S.kinds[k] = true; });

  /* ---- the view: scope, units, entities, aggregated links ---- */
  var V = null;
  function entityOn(k) {
    var t = typeOf(k).key;
    return REG_KINDS.indexOf(t) >= 0 ? S.types.reg && S.kinds[t] : S.types[t];
  }
  function compute() {
    // a region with one child region shows that child: never a view of one box
    var scope = S.scope;
    var towns = scope < 0 ? null : groupTowns[scope];
    var nIn = towns ? towns.length : NT;
    var kids = scope < 0 ? roots : children[scope];
    while (nIn > D.unitsMax && kids.length === 1) { scope = kids[0]; kids = children[scope]; towns = groupTowns[scope]; }
    S.scope = scope;
    var inScope = new Uint8Array(NT), unitOf = new Int32Array(NT).fill(-1), units = [];
    (towns || NODES.slice(0, NT).map(function (_, t) { return t; })).forEach(function (t) {
      if (!S.year || townYears[t][S.year]) inScope[t] = 1;
    });
    var asRegions = nIn > D.unitsMax && kids.length > 0;
    if (asRegions) {
      kids.forEach(function (k) {
        var n = 0; groupTowns[k].forEach(function (t) { if (inScope[t]) { unitOf[t] = units.length; n++; } });
        if (n) units.push({ id: 'g' + k, group: k, towns: n });
      });
      units.sort(function (a, b) { return (G[a.group][0] === OTHER) - (G[b.group][0] === OTHER) || b.towns - a.towns || cmp(G[a.group][0], G[b.group][0]); });
      units.forEach(function (u, n) { groupTowns[u.group].forEach(function (t) { if (inScope[t]) unitOf[t] = n; }); });
    } else {
      for (var t = 0; t < NT; t++) if (inScope[t]) { unitOf[t] = units.length; units.push({ id: t, towns: 1 }); }
    }
    var deg = new Int32Array(N), linkOK = new Uint8Array(LINKS.length), li;
    for (li = 0; li < LINKS.length; li++) {
      var l = LINKS[li];
      if (inScope[l[0]] && (!S.year || linkYears[li][S.year]) && entityOn(l[1])) { linkOK[li] = 1; deg[l[1]]++; }
    }
    var perBand = [[], [], []], inScopeN = [0, 0, 0, 0, 0, 0, 0, 0];
    for (var k = NT; k < N; k++) {
      if (deg[k] > 0) { perBand[band(k)].push(k); inScopeN[NODES[k][2]]++; }
    }
    perBand.forEach(function (b) { b.sort(function (a, c) { return deg[c] - deg[a] || byLabel(a, c); }); });
    var chosen = pick(perBand, deg);
    Object.keys(S.pinned).forEach(function (p) { if (chosen.indexOf(+p) < 0) chosen.push(+p); });
    var shown = new Uint8Array(N); chosen.forEach(function (c) { shown[c] = 1; });
    var agg = {}, edges = [];
    for (li = 0; li < LINKS.length; li++) {
      if (!linkOK[li] || !shown[LINKS[li][1]]) continue;
      var u = unitOf[LINKS[li][0]], key = u + ':' + LINKS[li][1];
      if (u < 0) continue;
      if (agg[key] === undefined) { agg[key] = edges.length; edges.push({ from: units[u].id, to: LINKS[li][1], n: 0 }); }
      edges[agg[key]].n++;
    }
    V = { scope: scope, units: units, asRegions: asRegions, inScope: inScope, linkOK: linkOK, deg: deg,
      entities: chosen, shown: shown, edges: edges, bands: perBand, inScopeN: inScopeN, nTowns: units.reduce(function (s, x) { return s + x.towns; }, 0) };
  }
  // the most shared of each band, a fair share each; what a short band leaves goes to the others
  function pick(perBand, deg) {
    var total = perBand.reduce(function (s, b) { return s + b.length; }, 0);
    var n = S.top > 0 ? Math.min(S.top, total) : total, take = [0, 0, 0], left = n;
    while (left > 0) {
      var open = [0, 1, 2].filter(function (b) { return take[b] < perBand[b].length; });
      var share = Math.max(1, Math.floor(left / open.length));
      open.forEach(function (b) { var add = Math.min(share, perBand[b].length - take[b], left); take[b] += add; left -= add; });
    }
    var out = [];
    perBand.forEach(function (b, k) { out = out.concat(b.slice(0, take[k])); });
    return out;
  }

  /* ---- layout: grids whose pitch is the width of their labels ---- */
  var measure = document.createElement('canvas').getContext('2d');
  function textWidth(text, size, bold) {
    measure.font = (bold ? 'bold ' : '') + size + 'px ' + FONT;
    return text.split('\n').reduce(function (w, line) { return Math.max(w, measure.measureText(line).width); }, 0);
  }
  function unitLabel(u) {
    if (u.group !== undefined) return G[u.group][0] + '\n' + u.towns + ' 个乡镇';
    return NODES[u.id][1] + '\n' + townCounty(u.id);
  }
  // a phone held upright: units in a grid on top, the bands stacked below in one column
  var PORTRAIT = window.innerWidth < 600;
  function layoutPortrait() {
    var PROW = 46, items = [], width = 0, cols = Math.min(3, V.units.length) || 1;
    V.units.forEach(function (u) { width = Math.max(width, textWidth(unitLabel(u), SIZE) + 24); });
    items.push(heading('u', V.asRegions ? '地区' : '乡镇', 0, -PROW));
    V.units.forEach(function (u, n) { items.push(unitItem(u, (n % cols) * (width + 20) + width / 2, Math.floor(n / cols) * PROW)); });
    var y = (Math.ceil(V.units.length / cols) + 1.5) * PROW, maxDeg = 1;
    V.entities.forEach(function (k) { maxDeg = Math.max(maxDeg, V.deg[k]); });
    BANDS.forEach(function (b, bi) {
      var members = V.entities.filter(function (k) { return band(k) === bi; });
      if (!members.length) return;
      items.push(heading('b' + bi, b[0] + '（' + members.length + ' / ' + V.bands[bi].length + '）', 0, y));
      y += PROW;
      members.forEach(function (k) { var it = entityItem(k, textWidth(NODES[k][1], SIZE) / 2, y, maxDeg); it.size = 4 + 0.6 * (it.size - 7); items.push(it); y += PROW; });
      y += PROW / 2;
    });
    return items;
  }
  function unitItem(u, x, y) {
    var item = { id: u.id, x: x, y: y, label: unitLabel(u), shape: 'box',
      font: { color: '#fff', size: SIZE, face: FONT }, margin: { top: 6, bottom: 6, left: 10, right: 10 },
      color: { background: u.group !== undefined ? '#566573' : '#2c3e50', border: '#2c3e50', highlight: { background: '#c0392b', border: '#7b241c' } } };
    if (u.group !== undefined) { item.borderWidth = 3; item.shapeProperties = { borderDashes: [6, 3] }; }
    return item;
  }
  function entityItem(k, x, y, maxDeg) {
    var t = typeOf(k);
    return { id: k, x: x, y: y, label: NODES[k][1], shape: t.shape, size: 7 + 9 * Math.sqrt(V.deg[k] / maxDeg),
      color: { background: t.color, border: t.color, highlight: { background: t.color, border: '#111' } },
      font: { size: SIZE, face: FONT, color: '#222', strokeWidth: 3, strokeColor: '#fff' } };
  }
  function layout() {
    if (PORTRAIT) return layoutPortrait();
    var items = [], x = 0, cols = Math.ceil(V.units.length / ROWS) || 1, rows = Math.ceil(V.units.length / cols);
    var width = 0;
    V.units.forEach(function (u) { width = Math.max(width, textWidth(unitLabel(u), SIZE) + 24); });
    var unitPitch = width + 30;
    items.push(heading('u', V.asRegions ? '地区' : '乡镇', 0, -ROW));
    V.units.forEach(function (u, n) { items.push(unitItem(u, Math.floor(n / rows) * unitPitch, (n % rows) * ROW)); });
    x = cols * unitPitch - 30 + UNIT_GAP;
    var maxDeg = 1;
    V.entities.forEach(function (k) { maxDeg = Math.max(maxDeg, V.deg[k]); });
    BANDS.forEach(function (b, bi) {
      var members = V.entities.filter(function (k) { return band(k) === bi; });
      if (!members.length) return;
      items.push(heading('b' + bi, b[0] + '（' + members.length + ' / ' + V.bands[bi].length + '）', x, -ROW));
      for (var c = 0; c * ROWS < members.length; c++) {
        var col = members.slice(c * ROWS, (c + 1) * ROWS), w = 0;
        col.forEach(function (k) { w = Math.max(w, textWidth(NODES[k][1], SIZE)); });
        w = Math.max(w, c === 0 ? textWidth(b[0] + '（000 / 000）', 20, true) : 0);
        col.forEach(function (k, r) { items.push(entityItem(k, x + w / 2, r * ROW, maxDeg)); });
        x += w + 34;
      }
      x += BAND_GAP;
    });
    return items;
  }
  function heading(id, text, x, y) {
    return { id: 'h' + id, x: x + textWidth(text, 20, true) / 2, y: y, label: text, shape: 'text', chosen: false,
      font: { size: 20, color: '#7f8c8d', face: FONT, bold: true } };
  }
  function edgeItems() {
    var max = 1;
    V.edges.forEach(function (e) { max = Math.max(max, e.n); });
    var fade = Math.min(1, 12 / Math.sqrt(V.edges.length || 1));   // many lines: each fainter
    return V.edges.map(function (e, n) {
      var w = e.n / max;
      return { id: n, from: e.from, to: e.to, width: 0.6 + 3 * w,
        color: { color: 'rgba(90,105,125,' + ((0.12 + 0.4 * w) * (0.4 + 0.6 * fade)).toFixed(2) + ')', highlight: '#e74c3c' } };
    });
  }

  /* ---- vis-network ---- */
  var nodes = new vis.DataSet([]), edges = new vis.DataSet([]), network;
  function makeNetwork() {
    network = new vis.Network($('kg-graph'), { nodes: nodes, edges: edges }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 1 },
      physics: { enabled: false },
      interaction: { hover: false, tooltipDelay: 1e9, multiselect: false, selectConnectedEdges: true },
      nodes: { borderWidth: 1, shapeProperties: { interpolation: false },
        scaling: { label: { enabled: false, drawThreshold: 8 } } },
      edges: { smooth: false, selectionWidth: 1.5 }
    });
    network.on('click', function (p) {
      var id = p.nodes.length ? p.nodes[0] : null;
      if (typeof id === 'number') select(id, false);
      else if (typeof id === 'string' && id.charAt(0) === 'g') drill(+id.slice(1), true);
      else if (!p.edges.length) clearSelection();
    });
  }
  function draw() {
    compute();
    var items = layout();
    nodes.clear(); edges.clear();
    nodes.add(items); edges.add(edgeItems());
    dimmed = {};
    if (S.selected !== null && !V.shown[S.selected] && !isShownTown(S.selected)) S.selected = null;
    if (S.selected !== null) highlight(S.selected);
    status(); legendCounts(); crumbs();
    if (!$('kg-matrixview').hidden) renderMatrix();
    if (!$('kg-figureview').hidden) renderFigures();
  }
  function isShownTown(k) { return isTown(k) && !V.asRegions && V.inScope[k] === 1; }
  function fitView() {
    network.setSize('100%', '100%');   // the panel may just have opened or closed
    network.redraw();
    network.fit({ animation: false });
    network.moveTo({ scale: Math.min(1.1, network.getScale() * 0.95), animation: false });
  }

  /* ---- highlight: dim everything not linked to the selected node ---- */
  var dimmed = {};
  function highlight(id) {
    var keep = {}, upd = [];
    keep[id] = true;
    V.edges.forEach(function (e) { if (e.from === id || e.to === id) { keep[e.from] = true; keep[e.to] = true; } });
    nodes.getIds().forEach(function (k) {
      if (typeof k === 'string' && k.charAt(0) === 'h') return;
      var want = !keep[k];
      if (want && !dimmed[k]) { upd.push({ id: k, color: { background: '#e4e7eb', border: '#d5d9de' }, font: { color: '#b8bdc4', size: SIZE, face: FONT } }); dimmed[k] = nodes.get(k); }
      else if (!want && dimmed[k]) { upd.push({ id: k, color: dimmed[k].color, font: dimmed[k].font }); delete dimmed[k]; }
    });
    if (upd.length) nodes.update(upd);
    if (nodes.get(id)) network.selectNodes([id], true);
  }
  function undim() {
    var upd = Object.keys(dimmed).map(function (k) { var o = dimmed[k]; return { id: o.id, color: o.color, font: o.font }; });
    dimmed = {};
    if (upd.length) nodes.update(upd);
  }

  /* ---- selection, drill-down ---- */
  function select(id, focus) {
    var redraw = false;
    if (isTown(id) && !isShownTown(id)) { S.scope = NODES[id][3]; S.year = ''; $('kg-f-year').value = ''; redraw = true; }
    if (!isTown(id) && !entityOn(id)) { enableType(id); redraw = true; }
    if (!isTown(id) && !(V.shown[id])) { S.pinned[id] = true; redraw = true; }
    S.selected = id;
    showPanel(id);
    if (redraw) { draw(); syncRegion(); } else highlight(id);
    fitView();                               // the panel took room: keep the whole view in sight
    // zoom to the node only when the whole view is too small to read
    if (focus && network.getScale() < 0.6) network.focus(id, { scale: 0.9, animation: false });
  }
  function enableType(id) {
    var t = typeOf(id).key;
    if (REG_KINDS.indexOf(t) >= 0) { S.types.reg = true; S.kinds[t] = true; } else S.types[t] = true;
    syncChecks();
  }
  function clearSelection() {
    S.selected = null;
    undim();
    if (network) network.unselectAll();
    $('kg-panel').hidden = true;
    document.body.classList.remove('kg-panel-open');
  }
  function drill(k, panel) {
    S.scope = k; S.selected = null; undim();
    draw(); fitView(); syncRegion();
    if (panel) showGroupPanel(V.scope); else clearSelection();
  }

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

  /* ---- search ---- */
  var results = $('kg-results'), found = [];
  function search(q) {
    q = q.trim().toLowerCase();
    results.textContent = '';
    found = [];
    if (!q) { results.hidden = true; return; }
    for (i = 0; i < N; i++) {
      var n = NODES[i], l = n[0].toLowerCase(), rank = l === q ? 0 : l.indexOf(q) === 0 ? 1 : l.indexOf(q) > 0 ? 2 : -1;
      if (rank < 0) for (j = 0; j < n[4].length; j++) if (n[4][j].toLowerCase().indexOf(q) >= 0) { rank = 3; break; }
      if (rank >= 0) found.push([rank, -degree[i], i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || byLabel(a[2], b[2]); });
    found = found.slice(0, 30).map(function (f) { return f[2]; });
    if (!found.length) results.appendChild(el('li', 'kg-empty', '没有找到“' + q + '”'));
    found.forEach(function (k) {
      var li = el('li'), t = typeOf(k), b = button(null, '', function () { pick_(k); });
      var tag = el('span', 'kg-type', t.name); tag.style.background = t.color;
      b.appendChild(tag);
      b.appendChild(el('span', null, NODES[k][0] + (isTown(k) ? '（' + townCounty(k) + '）' : '')));
      li.appendChild(b); results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick_(k) { results.hidden = true; showTab('graph'); select(k, true); }
  var timer = null;
  $('kg-search').addEventListener('input', function (e) {
    clearTimeout(timer); var v = e.target.value; timer = setTimeout(function () { search(v); }, 100);
  });
  $('kg-search').addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { clearTimeout(timer); search(e.target.value); if (found.length) pick_(found[0]); }
    if (e.key === 'Escape') results.hidden = true;
  });
  document.addEventListener('pointerdown', function (e) { if (!$('kg-searchbox').contains(e.target)) results.hidden = true; });

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

  /* ---- controls ---- */
  function checkbox(parent, key, text, store) {
    var lab = el('label'), box = el('input');
    box.type = 'checkbox'; box.checked = true; box.dataset.key = key;
    box.addEventListener('change', function () { store[key] = box.checked; draw(); fitView(); });
    lab.appendChild(box);
    lab.appendChild(document.createTextNode(text));
    parent.appendChild(lab);
  }
  var tf = $('kg-f-types'), kf = $('kg-f-kinds');
  checkbox(tf, 'reg', '法规', S.types);
  checkbox(tf, 'mechanism', '机制', S.types);
  checkbox(tf, 'activity', '活动', S.types);
  T.forEach(function (t) { if (REG_KINDS.indexOf(t.key) >= 0) checkbox(kf, t.key, t.name, S.kinds); });
  function syncChecks() {
    Array.prototype.forEach.call(document.querySelectorAll('#kg-filters input[type=checkbox]'), function (b) {
      b.checked = (b.parentNode.parentNode === kf ? S.kinds : S.types)[b.dataset.key];
    });
  }
  var rs = $('kg-f-region');
  (function addRegions(list) {
    list.slice().sort(function (a, b) { return cmp(G[a][0], G[b][0]); }).forEach(function (k) {
      var o = el('option', null, '\u3000'.repeat(depth[k]) + G[k][0] + '（' + groupTowns[k].length + '）');
      o.value = String(k); rs.appendChild(o);
      addRegions(children[k]);
    });
  })(roots);
  rs.addEventListener('change', function () { drill(rs.value === '' ? -1 : +rs.value, false); });
  function syncRegion() { rs.value = S.scope < 0 ? '' : String(S.scope); }
  var ys = $('kg-f-year');
  D.years.forEach(function (y) { var o = el('option', null, y + '年'); o.value = y; ys.appendChild(o); });
  ys.addEventListener('change', function () { S.year = ys.value; draw(); fitView(); });
  var top = $('kg-f-top');
  top.value = String(S.top);
  top.addEventListener('change', function () { S.top = Math.max(0, parseInt(top.value, 10) || 0); draw(); fitView(); });
  $('kg-reset').addEventListener('click', function () {
    S.pinned = {}; S.scope = -1; S.year = ''; S.top = FIRST;
    S.types = { reg: true, mechanism: true, activity: true };
    REG_KINDS.forEach(function (k) { S.kinds[k] = true; });
    ys.value = ''; top.value = String(S.top); syncChecks(); syncRegion();
    clearSelection();
    draw(); fitView();
  });
  $('kg-panel-close').addEventListener('click', function () { clearSelection(); fitView(); });
  $('kg-filters-toggle').addEventListener('click', function () {
    var f = $('kg-filters'); f.classList.toggle('kg-open');
    this.setAttribute('aria-expanded', f.classList.contains('kg-open') ? 'true' : 'false');
  });

  /* ---- breadcrumbs, status, legend ---- */
  function crumbs() {
    var box = $('kg-crumbs'); box.textContent = '';
    box.appendChild(button('kg-crumb', '全部地区', function () { drill(-1, false); }));
    (V.scope >= 0 ? ancestors(V.scope) : []).forEach(function (k) {
      box.appendChild(el('span', 'kg-sep', '›'));
      box.appendChild(button('kg-crumb', G[k][0], function () { drill(k, true); }));
    });
    box.appendChild(el('span', 'kg-hint', V.asRegions ? '点击地区方框可逐级展开' : ''));
  }
  function status() {
    var n = V.entities.length, all = V.bands.reduce(function (s, b) { return s + b.length; }, 0);
    $('kg-status').textContent = (V.asRegions ? V.units.length + ' 个地区，' : '') + V.nTowns + ' 个乡镇；显示关联乡镇最多的 ' +
      n + ' / ' + all + ' 个实体，' + V.edges.length + ' 条关系线' + (SUMMARY ? '。' + SUMMARY : '');
  }
  var SVGNS = 'http://www.w3.org/2000/svg';
  function icon(t) {
    var s = document.createElementNS(SVGNS, 'svg'), shape;
    s.setAttribute('width', '16'); s.setAttribute('height', '16'); s.setAttribute('viewBox', '0 0 16 16');
    var pts = { diamond: '8,1 15,8 8,15 1,8', triangle: '8,1 15,14 1,14', triangleDown: '1,2 15,2 8,15',
      hexagon: '4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8',
      star: '8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.7 3.2,15 5,9.5 0.5,6 6,6' }[t.shape];
    if (pts) { shape = document.createElementNS(SVGNS, 'polygon'); shape.setAttribute('points', pts); }
    else if (t.shape === 'dot') { shape = document.createElementNS(SVGNS, 'circle'); shape.setAttribute('cx', '8'); shape.setAttribute('cy', '8'); shape.setAttribute('r', '6.5'); }
    else { var box = t.shape === 'box'; shape = document.createElementNS(SVGNS, 'rect'); shape.setAttribute('x', box ? '0.5' : '2'); shape.setAttribute('y', box ? '3' : '2'); shape.setAttribute('width', box ? '15' : '12'); shape.setAttribute('height', box ? '10' : '12'); }
    shape.setAttribute('fill', t.color);
    s.appendChild(shape);
    return s;
  }
  function legendCounts() {
    var legend = $('kg-legend-rows'), drawn = [V.nTowns, 0, 0, 0, 0, 0, 0, 0];
    V.entities.forEach(function (k) { drawn[NODES[k][2]]++; });
    legend.textContent = '';
    T.forEach(function (t, k) {
      if (k > 0 && !V.inScopeN[k]) return;
      var row = el('span'); row.appendChild(icon(t));
      row.appendChild(document.createTextNode(k === 0 ? t.name + '（' + drawn[0] + '）' : t.name + '（' + drawn[k] + ' / ' + V.inScopeN[k] + '）'));
      legend.appendChild(row);
    });
  }

  /* ---- start ---- */
  makeNetwork();
  draw();
  fitView();
  network.once('afterDrawing', function () { window.kgReady = true; document.body.dataset.ready = '1'; });
  window.kg = {
    select: function (label) { for (var k = 0; k < N; k++) if (NODES[k][0] === label) { select(k, true); return k; } return -1; },
    drill: function (name) { for (var k = 0; k < NG; k++) if (G[k][0] === name) { drill(k, true); return k; } return -1; },
    view: function () { return V; }, state: S, network: network, fit: fitView
  };
})();
