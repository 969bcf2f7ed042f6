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
  D.bands.forEach(function (b) { checkbox(tf, b.key, b.name, S.types); });
  T.forEach(function (t) { if (REG_KINDS.indexOf(t.key) >= 0) checkbox(kf, t.key, t.name, S.kinds); });
  function syncChecks() {
    Array.prototype.forEach.call(document.querySelectorAll('#kg-filters fieldset input[type=checkbox]'), function (b) {
      b.checked = (b.parentNode.parentNode === kf ? S.kinds : S.types)[b.dataset.key];
    });
  }
  var cf = $('kg-f-category'), bc = $('kg-f-bycat');
  if (CATS.length) {
    var catN = CATS.map(function () { return 0; });
    for (i = NT; i < CAT0; i++) if (NODES[i][6] >= 0) catN[NODES[i][6]]++;
    CATS.forEach(function (c, k) { var o = el('option', null, c + '（' + catN[k] + '）'); o.value = String(k); cf.appendChild(o); });
  } else { cf.parentNode.hidden = true; bc.parentNode.hidden = true; }
  cf.addEventListener('change', function () { S.category = cf.value === '' ? -1 : +cf.value; if (S.category >= 0) S.byCat = false; syncCategory(); draw(); fitView(); });
  bc.addEventListener('change', function () { S.byCat = bc.checked; if (S.byCat) S.category = -1; syncCategory(); draw(); fitView(); });
  function syncCategory() { cf.value = S.category < 0 ? '' : String(S.category); bc.checked = S.byCat; }
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
    S.pinned = {}; S.scope = -1; S.year = ''; S.top = FIRST; S.category = -1; S.byCat = false; syncCategory();
    S.types = allBands();
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
    var legend = $('kg-legend-rows'), drawn = T.map(function (_, k) { return k ? 0 : V.nTowns; });
    V.entities.forEach(function (k) { drawn[NODES[k][2]]++; });
    legend.textContent = '';
    T.forEach(function (t, k) {
      if (k > 0 && !V.inScopeN[k]) return;
      var row = el('span'); row.appendChild(icon(t));
      row.appendChild(document.createTextNode(k === 0 ? t.name + '（' + drawn[0] + '）' : t.name + '（' + drawn[k] + ' / ' + V.inScopeN[k] + '）'));
      legend.appendChild(row);
    });
  }

