"""Web pages (.html): the article text of a government page, without its navigation.

Parsing is lxml's HTML parser (already installed with python-docx, fast, forgiving of the
broken markup of real portals). Which part of the page is the article is decided by prose
density: Chinese sentence punctuation (，。；！？) outside links. Starting at <body>, we go
down into the child that holds most of that prose, until no single child does; that node
is the article. Menus, breadcrumbs, link lists and footers carry little such punctuation
and fall away; scripts, styles, forms and <nav>/<header>/<footer>/<aside> are removed
first. The page's <h1> (or its <title>) is put on top when the article lacks it.
"""
from __future__ import annotations

import re
from pathlib import Path

from kg import regex
from kg.errors import InputError
from kg.ingest.readers import decode, reader

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "iframe", "select", "button", "input", "textarea", "object", "embed", "svg", "canvas")
# id/class words (whole tokens) that name page furniture on Chinese government portals
_FURNITURE = {"nav", "navbar", "menu", "footer", "foot", "bottom", "breadcrumb", "crumb", "crumbs",
              "copyright", "banner", "toolbar", "sidebar", "share", "bdshare", "friendlink", "links",
              "pager", "pagination", "dyfx", "fxd", "wzdh", "dqwz", "position", "location"}
_TOKENS = regex.compile(r"[a-z]+")
_PROSE = regex.compile(r"[，。；！？]")
_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "section", "article", "main",
          "blockquote", "pre", "dd", "dt", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "center", "address"}
_CELL = {"td", "th"}
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_TITLE_SPLIT = regex.compile(r"\s*[_|｜\-–—]\s*")
_DOMINANT = 0.7  # a child holding this share of its parent's prose is where the article is


@reader(".html", ".htm", ".shtml", ".xhtml")
def read_html(path: Path) -> str:
    import lxml.html
    from lxml.etree import ParserError

    text = _decode_html(path.read_bytes(), path)
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as e:
        raise InputError(path, f"not a readable web page ({' '.join(str(e).split())[:80]})") from None
    title = _title(root)
    body = root.find("body")
    if body is None:
        body = root
    _strip(body)
    article = _article(body)
    lines = _render(article)
    if title and title not in "\n".join(lines[:5]):
        lines.insert(0, title)
    return "\n".join(lines)


def _decode_html(data: bytes, path: Path) -> str:
    """Bytes to text, honouring a <meta charset> when it decodes cleanly."""
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = m.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


def _title(root) -> str:
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            if _inside_furniture(el):
                continue
            t = " ".join(el.text_content().split())
            if 4 <= len(t) <= 100:
                return t
    t = root.find(".//title")
    if t is not None and t.text_content().strip():
        parts = [p for p in _TITLE_SPLIT.split(t.text_content().strip()) if p]
        return parts[0] if parts else ""
    return ""


def _classes(el) -> set[str]:
    return set(_TOKENS.findall(f"{el.get('id') or ''} {el.get('class') or ''}".lower()))


def _inside_furniture(el) -> bool:
    while el is not None:
        if not isinstance(el.tag, str) or el.tag in _DROP_TAGS or _classes(el) & _FURNITURE:
            return True
        el = el.getparent()
    return False


def _strip(body) -> None:
    doomed = [el for el in body.iter() if not isinstance(el.tag, str) or el.tag in _DROP_TAGS
              or _classes(el) & _FURNITURE]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _prose_counts(body) -> dict:
    """Sentence punctuation under each element (its text_content), not counting link text: one
    pass over the tree. (Counting per element on the way down read the whole subtree at every
    level: an 18 MB page of 250 nested divs and 850,000 links took 12 minutes.)"""
    counts: dict = {}
    stack = [(body, body.tag == "a", False)]
    while stack:
        el, in_link, done = stack.pop()
        if not done:
            stack.append((el, in_link, True))
            for c in el:
                if isinstance(c.tag, str):
                    stack.append((c, in_link or c.tag == "a", False))
            continue
        n = 0 if in_link else len(_PROSE.findall(el.text or ""))
        for c in el:
            if isinstance(c.tag, str):
                n += counts[c]
            if not in_link:                # a tail is the parent's text, outside the child's link
                n += len(_PROSE.findall(c.tail or ""))
        counts[el] = n
    return counts


def _article(body):
    prose = _prose_counts(body)
    node, score = body, prose[body]
    while score > 0:
        best = max(((c, prose[c]) for c in node if isinstance(c.tag, str)), key=lambda cs: cs[1], default=None)
        if best is None or best[1] < _DOMINANT * score:
            break
        node, score = best
    return node


def _render(el) -> list[str]:
    parts: list[str] = []
    _walk(el, parts, top=True)
    lines = [" ".join(ln.split()).strip(" |") for ln in "".join(parts).split("\n")]
    return [ln for ln in lines if ln]


def _walk(el, parts: list[str], top: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        parts.append("\n")
    block = tag in _BLOCK
    if block:
        parts.append("\n")
    if tag:
        parts.append(el.text or "")
        for child in el:
            _walk(child, parts)
    if tag in _CELL:
        parts.append(" | ")
    if block:
        parts.append("\n")
    if not top:
        parts.append(el.tail or "")
