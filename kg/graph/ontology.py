"""The kinds' classes in the ontology files, written from the table of kinds (kg/kinds.py).

A kind with a class of its own under its fact's class (tkg:Law under tkg:Regulation …) is
declared in ontology/township-kg.ttl, and ontology/shapes.ttl requires exactly one of them
(sh:xone). Those lines sit between GENERATED markers and are written from the table, never
by hand, so a new kind is a row of the table; tests/test_kinds.py checks that the shipped
files are what the table gives. After changing the table:

    python -m kg.graph.ontology          # rewrites the generated lines of both files
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from kg.kinds import FACT, KINDS, Kind

FOLDER = Path(__file__).resolve().parents[1] / "ontology"
ONTOLOGY_FILE, SHAPES_FILE = FOLDER / "township-kg.ttl", FOLDER / "shapes.ttl"
BEGIN = "# ---- GENERATED from kg/kinds.py by `python -m kg.graph.ontology`: edit the table, not these lines\n"
END = "# ---- end of the generated lines\n"


def subclass_kinds(fact: str = "regulation") -> tuple[Kind, ...]:
    """The kinds of `fact` with a class of their own, in table order."""
    return tuple(k for k in KINDS if k.fact == fact and k.cls != FACT[fact].cls)


def _lit(text: str, lang: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@' + lang


def classes() -> str:
    """The Turtle declaring each kind's class (labels and comment from the table)."""
    return "\n".join(f"tkg:{k.cls} a owl:Class ; rdfs:subClassOf tkg:{FACT[k.fact].cls} ;\n"
                     f"    rdfs:label {_lit(k.en, 'en')} , {_lit(k.zh, 'zh')} ;\n"
                     f"    rdfs:comment {_lit(k.comment, 'en')} .\n" for k in subclass_kinds())


def xone() -> str:
    """The regulation shape's constraint: exactly one of the kinds."""
    items = "\n".join(f"              [ sh:class tkg:{k.cls} ]" for k in subclass_kinds())
    return "    sh:xone (\n" + items + " ) .\n"


def rewritten(text: str, body: str, indent: str = "") -> str:
    """`text` with the lines between the GENERATED markers replaced by `body`."""
    begin, end = indent + BEGIN, indent + END
    found = re.search(re.escape(begin) + "(.*?)" + re.escape(end), text, re.S)
    if found is None:
        raise ValueError(f"no generated block (a line {begin.strip()!r} … {end.strip()!r}) to rewrite")
    return text[:found.start(1)] + body + text[found.end(1):]


def expected() -> dict[Path, str]:
    """Each ontology file as the table of kinds says it should read."""
    return {ONTOLOGY_FILE: rewritten(ONTOLOGY_FILE.read_text(encoding="utf-8"), classes()),
            SHAPES_FILE: rewritten(SHAPES_FILE.read_text(encoding="utf-8"), xone(), indent="    ")}


def main() -> None:
    for path, text in expected().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
