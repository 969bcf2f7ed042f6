#!/usr/bin/env python3
"""Open a build's graph.html in headless Chromium: time it, check it, and take the screenshot.

    .venv/bin/python scripts/browser_check.py OUT_DIR [--search 付店镇] [--drill 河南省]
                                              [--select LABEL] [--screenshot docs/images/x.png]

The screenshot shows the first view (1440×900), or the region given by --drill, with the
node given by --select open in the side panel.

Prints one JSON object: seconds until the graph is drawn ("ready") and until a search has
opened the side panel ("interactive"), nodes and links shown, any request the page made to
anything but its own file, and any page error. Needs Debian's chromium
(apt-get install chromium fonts-wqy-microhei) and `pip install playwright`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def check(out_dir: Path, search: str, select: str | None, screenshot: Path | None, drill: str | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    page_file = (out_dir / "graph.html").resolve()
    url = page_file.as_uri()
    external, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900}, device_scale_factor=1)

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_function("window.kgReady === true", timeout=60_000)
        ready = time.perf_counter() - t0
        page.fill("#kg-search", search)
        page.press("#kg-search", "Enter")
        page.wait_for_function("!document.getElementById('kg-panel').hidden"
                               " || !!document.querySelector('#kg-results .kg-empty')", timeout=60_000)
        interactive = time.perf_counter() - t0
        panel_title = page.inner_text("#kg-panel h2") if page.is_visible("#kg-panel") else None
        status = page.inner_text("#kg-status")
        if screenshot:
            page.fill("#kg-search", "")
            page.click("#kg-reset")
            if drill and page.evaluate("name => window.kg.drill(name)", drill) < 0:
                raise SystemExit(f"no region named {drill}")
            if select and page.evaluate("label => window.kg.select(label)", select) < 0:
                raise SystemExit(f"no node labeled {select}")
            page.wait_for_timeout(300)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        browser.close()
    return {"file": str(page_file), "bytes": page_file.stat().st_size, "ready_s": round(ready, 2),
            "interactive_s": round(interactive, 2), "search": search, "panel": panel_title,
            "status": status, "external_requests": external, "page_errors": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--search", default="付店镇")
    ap.add_argument("--select", default=None, help="label of the node to open before the screenshot")
    ap.add_argument("--drill", default=None, help="name of the region to open before the screenshot")
    ap.add_argument("--screenshot", type=Path, default=None)
    a = ap.parse_args()
    result = check(a.out_dir, a.search, a.select, a.screenshot, a.drill)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if result["external_requests"] or result["page_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
