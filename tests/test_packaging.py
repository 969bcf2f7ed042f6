"""What a user installs: the run-time dependencies the code needs, nothing heavier (issue 13)."""
from __future__ import annotations

import re
from importlib.metadata import requires


def test_install_does_not_pull_ipython_through_pyvis():
    # pyvis (and with it IPython and jedi, 250-500 MB) was a dependency for one JavaScript file,
    # which now ships in kg/export/assets/vendor/
    needed = {re.split(r"[ <>=;\[]", r, maxsplit=1)[0].lower() for r in requires("township-kg") or []
              if "extra ==" not in r}
    assert not needed & {"pyvis", "ipython", "jedi", "jupyter"}
    assert {"rdflib", "jieba", "pyoxigraph", "typer", "networkx"} <= needed


def test_page_inlines_the_vendored_vis_network():
    from kg.export.html import vis_network_js

    script = vis_network_js()
    assert "@version 9.1.2" in script[:400] and "vis.js is dual licensed" in script[:1000]
