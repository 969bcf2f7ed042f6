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
      if (typeof id === 'number' && isCategory(id)) openCategory(id - CAT0);
      else if (typeof id === 'number') select(id, false);
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
    if (isCategory(id)) { openCategory(id - CAT0); return; }
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
    if (REG_KINDS.indexOf(t) >= 0) { S.types[BAND_OF[t]] = true; S.kinds[t] = true; } else { S.types[t] = true; S.byCat = false; S.category = -1; }
    syncChecks(); syncCategory();
  }
  function clearSelection() {
    S.selected = null;
    undim();
    if (network) network.unselectAll();
    $('kg-panel').hidden = true;
    document.body.classList.remove('kg-panel-open');
  }
  function openCategory(c) {
    S.category = c; S.byCat = false; S.selected = null; undim(); syncCategory();
    draw(); fitView();
    var body = openPanel(CATS[c], T[T.length - 1]), ks = [];
    for (var k = NT; k < CAT0; k++) if (NODES[k][6] === c && V.deg[k] > 0) ks.push(k);
    ks.sort(function (a, b) { return V.deg[b] - V.deg[a] || byLabel(a, b); });
    body.appendChild(el('h3', null, '本类别的机制和活动（' + ks.length + '）'));
    var box = el('div', 'kg-links');
    ks.forEach(function (k) { box.appendChild(nodeButton(k, V.deg[k] + ' 个乡镇')); });
    body.appendChild(box);
  }
  function drill(k, panel) {
    S.scope = k; S.selected = null; undim();
    draw(); fitView(); syncRegion();
    if (panel) showGroupPanel(V.scope); else clearSelection();
  }

