"""Plain data passed between the stages: a Document in, ReportFacts out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.tokens import Tokens


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned report text; start/end are character offsets into it."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """One report after ingest: cleaned text, its sentences, and where it came from."""

    path: str
    text: str
    sha256: str
    sentences: list[Sentence] = field(default_factory=list)
    # Per-document caches the extractors fill on first use (None until then): token spans of the
    # whole text and the lazy tokens (kg.extract.tokens.tokens, lazy_tokens), the text without
    # quotation marks with its offsets (kg.extract.gazetteers.unquoted), the problems/plans
    # spans and the headings' words (kg.extract.sections).
    _tokens: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _lazy_tokens: Tokens | None = field(default=None, init=False, repr=False, compare=False)
    _unquoted: tuple[str, Any] | None = field(default=None, init=False, repr=False, compare=False)
    _unheld_spans: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _heading_spans: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding character `offset` (the last one if past the end)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]


@dataclass
class Mention:
    """One fact found in the text: an entity of `kind` with its canonical label and span.

    kind is a key of kg.kinds.FACTS (regulation, mechanism, activity, indicator).
    `attrs` carries kind-specific values: reg_kind (a key of kg.kinds.KINDS) and aliases for regulations,
    value/unit/name for indicators, about (a regulation label) for activities.
    """

    kind: str
    label: str
    start: int
    end: int
    surface: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Place:
    """A township resolved (or not) against the national register."""

    name: str
    county: str | None = None
    code: str | None = None          # 9-digit NBS township code
    county_code: str | None = None   # 6-digit county code
    city: str | None = None
    province: str | None = None
    registered: bool = False


@dataclass
class ReportFacts:
    """Everything extracted from one report."""

    doc: Document
    place: Place | None
    year: int | None
    title: str
    mentions: list[Mention] = field(default_factory=list)
    given: tuple[str, ...] = ()      # place, year: given by the user's manifest, not read (kg.ingest.manifest)

    def of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]
