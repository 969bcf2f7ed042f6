  /* ---- the data, the helpers, what is derived once, the state ---- */
  var D = JSON.parse(document.getElementById('kg-data').textContent);
  var T = D.types, NT = D.nTowns, NODES = D.nodes, LINKS = D.links, COUNTS = D.counts, G = D.groups;
  // the kinds come from kg/kinds.py: bands of entities [name, [type keys]], then the practice categories
  var N = NODES.length, NG = G.length, REG_KINDS = D.regKinds;
  var BANDS = D.bands.map(function (b) { return [b.name, b.kinds]; }).concat([[D.category.name, [D.category.key]]]);
  var BAND_OF = {};   // entity type key -> its band's key (the type filter: S.types)
  D.bands.forEach(function (b) { b.kinds.forEach(function (k) { BAND_OF[k] = b.key; }); });
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

  /* ---- practice categories (类别): one node each, linked to every township with a practice
     of that category; drawn instead of the practices when the first view is aggregated by them */
  var CATS = D.categories, N0 = NODES.length, CAT0 = N0;
  if (CATS.length) {
    T.push(D.category);
    var catIx = T.length - 1, seen = {};
    CATS.forEach(function (c) { NODES.push([c, c, catIx, -1, [], '', -1]); });
    for (i = 0, j = LINKS.length; i < j; i++) {
      var c0 = NODES[LINKS[i][1]][6], key0 = LINKS[i][0] + ':' + c0;
      if (c0 >= 0 && !seen[key0]) { seen[key0] = true; LINKS.push([LINKS[i][0], CAT0 + c0, []]); COUNTS.push([0, 0]); }
    }
  }
  function isCategory(k) { return k >= CAT0; }
  N = NODES.length;

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
  function allBands() { var o = {}; D.bands.forEach(function (b) { o[b.key] = true; }); return o; }
  var S = { types: allBands(), kinds: {}, scope: -1, year: '',
    top: FIRST, pinned: {}, selected: null, category: -1, byCat: false };
  REG_KINDS.forEach(function (k) { S.kinds[k] = true; });

