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

