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
