  /* ---- the view: scope, units, entities, aggregated links ---- */
  var V = null;
  function entityOn(k) {
    var t = typeOf(k).key;
    if (t === D.category.key) return S.byCat;
    if (REG_KINDS.indexOf(t) >= 0) return S.types[BAND_OF[t]] && S.kinds[t];
    return S.types[t] && !S.byCat && (S.category < 0 || NODES[k][6] === S.category);
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
    var perBand = BANDS.map(function () { return []; }), inScopeN = T.map(function () { return 0; });
    for (var k = NT; k < N; k++) {
      if (deg[k] > 0) { perBand[band(k)].push(k); inScopeN[NODES[k][2]]++; }
    }
    perBand.forEach(function (b) { b.sort(function (a, c) { return deg[c] - deg[a] || byLabel(a, c); }); });
    var chosen = pick(perBand, deg);
    if (S.top >= D.firstView && window.innerWidth >= 600) {
      // the first view always names the 10 laws (法律) most townships cite, whatever else is shared
      // (REG_KINDS[0]: the first kind of the regulation band in the kinds table, 法律)
      perBand[0].filter(function (k) { return typeOf(k).key === REG_KINDS[0]; }).slice(0, 10)
        .forEach(function (k) { if (chosen.indexOf(k) < 0) chosen.push(k); });
    }
    Object.keys(S.pinned).forEach(function (p) { if (chosen.indexOf(+p) < 0) chosen.push(+p); });
    chosen.sort(function (a, c) { return band(a) - band(c) || deg[c] - deg[a] || byLabel(a, c); });
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
    var n = S.top > 0 ? Math.min(S.top, total) : total, take = perBand.map(function () { return 0; }), left = n;
    while (left > 0) {
      var open = take.map(function (_, b) { return b; }).filter(function (b) { return take[b] < perBand[b].length; });
      var share = Math.max(1, Math.floor(left / open.length));
      open.forEach(function (b) { var add = Math.min(share, perBand[b].length - take[b], left); take[b] += add; left -= add; });
    }
    var out = [];
    perBand.forEach(function (b, k) { out = out.concat(b.slice(0, take[k])); });
    return out;
  }

