"""SHACL validation (校验) of a build against ontology/shapes.ttl, with a readable report.

The ontology (ontology/township-kg.ttl) is mixed into the data graph so that sh:class
checks see the subclass axioms (a tkg:Law is a tkg:Regulation) without RDFS inference
over the whole graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import kg
from kg.errors import ValidationError
from kg.graph import KnowledgeGraph
from kg.query.formats import compact

ONTOLOGY_DIR = Path(kg.__file__).parent / "ontology"     # kg/ontology -> ../ontology, shipped in the wheel
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Problem:
    """One SHACL result: severity, focus node (and its label), path, value, message."""

    severity: str
    focus: str
    label: str
    path: str
    value: str
    message: str

    def line(self) -> str:
        """The problem on one line, IRIs shortened."""
        who = compact(self.focus) + (f" ({self.label})" if self.label else "")
        where = f" {self.path}" if self.path else ""
        what = f" = {self.value}" if self.value else ""
        return f"{self.severity}: {who}{where}{what}: {self.message}"


@dataclass
class Report:
    """The outcome of a validation: conforms, the problems, and what was checked."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0
    shapes: Path | None = None

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def text(self, limit: int = 200) -> str:
        """A readable report: one line per problem (at most `limit`), then a summary."""
        lines = [p.line() for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… and {len(self.problems) - limit} more")
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.severity] = counts.get(p.severity, 0) + 1
        tally = ", ".join(f"{n} {s.lower()}{'s' if n != 1 else ''}" for s, n in sorted(counts.items()))
        verdict = "conform" if self.conforms else "do not conform"
        shapes = self.shapes
        try:
            shapes = shapes.resolve().relative_to(Path.cwd())
        except (ValueError, OSError, AttributeError):
            pass
        lines.append(f"{self.triples} triples {verdict} to {shapes}" + (f": {tally}" if tally else ""))
        return "\n".join(lines) + "\n"


def _load_rdf(path: Path):
    import rdflib

    if not path.is_file():
        raise ValidationError(f"{path}: missing (the ontology folder ships with the project)")
    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many kinds of parser errors
        raise ValidationError(f"{path}: cannot parse ({e})") from None
    return g


def validate(graph: KnowledgeGraph, shapes: str | Path | None = None,
             ontology: str | Path | None = None) -> Report:
    """Check a graph against SHACL shapes (default ontology/shapes.ttl)."""
    import pyshacl
    from rdflib import RDFS, Literal, URIRef

    shapes = Path(shapes) if shapes else ONTOLOGY_DIR / "shapes.ttl"
    ontology = Path(ontology) if ontology else ONTOLOGY_DIR / "township-kg.ttl"
    shapes_graph = _load_rdf(shapes)
    ont_graph = _load_rdf(ontology) if ontology.is_file() else None
    data = graph.to_rdflib()
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ont_graph,
                                            inference="none", advanced=True, allow_warnings=True)
    sh = lambda name: URIRef(SH + name)  # noqa: E731
    problems = []
    for r in results.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sh("ValidationResult")):
        focus = results.value(r, sh("focusNode"))
        label = data.value(focus, RDFS.label) if focus is not None else None
        path = results.value(r, sh("resultPath"))
        value = results.value(r, sh("value"))
        severity = results.value(r, sh("resultSeverity"))
        messages = sorted(str(m) for m in results.objects(r, sh("resultMessage")))
        shape = results.value(r, sh("sourceShape"))
        name = shapes_graph.value(shape, sh("name")) if shape is not None else None
        message = "; ".join(messages) or "constraint not met"
        if name:
            message = f"[{name}] {message}"
        problems.append(Problem(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=str(focus) if focus is not None else "",
            label=str(label) if label is not None else "",
            path=compact(str(path)) if isinstance(path, URIRef) else ("(path)" if path is not None else ""),
            value=(str(value) if isinstance(value, Literal) else compact(str(value))) if value is not None else "",
            message=message,
        ))
    return Report(bool(conforms), sorted(problems), len(data), shapes)
