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

