"""The manifest (清单): township, county and year that the user gives for report files.

Some reports never name their township: it is only in the file name, or only the user knows
it. A CSV beside the reports says it:

    file,township,county,year            (or 文件,乡镇,县级单位,年度)
    总结.docx,付店镇,潢川县,2024
    2023/报告.pdf,,,2023

`file` is relative to the manifest's folder; an empty cell keeps what extraction found. A
given township is resolved against the register by extraction's own code (kg.extract.township),
with the given county written before it as a report would write it (潢川县付店镇), so it gets its
official code when the county makes it unique. The graph marks what was given
(tkg:placeSource / tkg:yearSource "manifest"), so user-given facts are never taken for read ones.

A bad row is one error naming the manifest and its line, and the other rows still apply; a
row whose file does not exist is a warning. See docs/inputs.md.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg import regex
from kg.errors import InputError, ManifestError, ManifestNote, shown

NAME = "manifest.csv"          # used without --manifest when it lies at the top of an input folder
COLUMNS = {"file": "file", "文件": "file", "township": "township", "乡镇": "township",
           "county": "county", "县级单位": "county", "year": "year", "年度": "year"}
_HEADER_HELP = "the columns are file,township,county,year (or 文件,乡镇,县级单位,年度)"
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年?度?")
# a name is a few Chinese characters (letters and digits for the odd unit): never spaces or controls
_NAME = regex.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9·（）()]{2,20}")


@dataclass(frozen=True)
class Given:
    """What the manifest gives for one report file; None keeps what extraction found."""

    township: str | None = None
    county: str | None = None
    year: int | None = None

    def key(self) -> bytes:
        """These values as bytes, for the build cache key (the graph depends on them)."""
        return "\0".join(str(v or "") for v in (self.township, self.county, self.year)).encode()


@dataclass
class Manifest:
    """Rows of one or more manifests: resolved file path -> Given, and the problems met."""

    rows: dict[Path, Given] = field(default_factory=dict)
    where: dict[Path, str] = field(default_factory=dict)      # -> "dir/manifest.csv:3"
    problems: list[InputError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)            # the manifests read (resolved)

    def given(self, path: str | Path) -> Given | None:
        return self.rows.get(Path(path).resolve()) if self.rows else None


def found_in(inputs: Iterable[str | Path]) -> list[Path]:
    """The manifest.csv at the top of each input folder (used when no manifest is named)."""
    out = []
    for item in inputs:
        p = Path(item)
        if p.is_dir() and (p / NAME).is_file():
            out.append(p / NAME)
    return out


def load(paths: Iterable[str | Path]) -> Manifest:
    """Read manifests (in path order, so the result does not depend on the order given);
    a file named twice keeps its first row, the second is an error."""
    m = Manifest()
    for path in sorted({Path(p).resolve(): Path(p) for p in paths}.items()):
        resolved, given_as = path
        m.files.append(resolved)
        _read(given_as, m)
    return m


def _read(path: Path, m: Manifest) -> None:
    from kg.ingest.readers import decode

    name = shown(path)
    try:
        text = decode(path.read_bytes(), path)
    except InputError as e:
        m.problems.append(ManifestError(f"{name}:1", f"manifest not read: {e.reason}"))
        return
    except OSError as e:
        m.problems.append(ManifestError(name, f"manifest not read: {e.strerror or e}"))
        return
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header: list[str | None] | None = None
    line = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            m.problems.append(ManifestError(f"{name}:{start}", f"not CSV ({e})"))
            return
        line = start
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if header is None:
            header = _header(cells, f"{name}:{line}", m)
            if header is None:
                return
            continue
        _row(cells, header, path.parent, f"{name}:{line}", m)
    if header is None:
        m.problems.append(ManifestError(f"{name}:1", f"no header row; {_HEADER_HELP}"))


def _header(cells: list[str], where: str, m: Manifest) -> list[str | None] | None:
    """Column names as file/township/county/year (None: a column that is ignored)."""
    out: list[str | None] = []
    for c in cells:
        col = COLUMNS.get(c.lower())
        if col is None and c:
            m.problems.append(ManifestError(where, f"unknown column {c!r} ignored; {_HEADER_HELP}"))
        if col in out:
            m.problems.append(ManifestError(where, f"column {c!r} twice; the first is used"))
            col = None
        out.append(col)
    if "file" not in out:
        m.problems.append(ManifestError(where, f"no file column, manifest not used; {_HEADER_HELP}"))
        return None
    return out


def _row(cells: list[str], header: list[str | None], folder: Path, where: str, m: Manifest) -> None:
    if len(cells) > len(header) and any(cells[len(header):]):
        m.problems.append(ManifestError(where, f"{len(cells)} cells, but the header has {len(header)}; "
                                               "row not applied (a comma in a name? quote the cell)"))
        return
    values = {col: cell for col, cell in zip(header, cells, strict=False) if col}   # short rows: empty cells
    file = values.get("file", "")
    if not file:
        m.problems.append(ManifestError(where, "no file named; row not applied"))
        return
    given, why = _given(values)
    if why:
        m.problems.append(ManifestError(where, f"{file}: {why}; row not applied"))
        return
    target = (folder / file.replace("\\", "/")).resolve()     # a path written on Windows
    if target in m.rows:
        m.problems.append(ManifestError(where, f"{file}: already given on {m.where[target]}; row not applied"))
        return
    if not target.is_file():
        m.problems.append(ManifestNote(where, f"{file}: no such file; row not applied"))
        return
    if given != Given():
        m.rows[target], m.where[target] = given, where


def _given(values: dict[str, str]) -> tuple[Given, str | None]:
    """The row's Given, or why it cannot be one."""
    names = {}
    for col, what in (("township", "township"), ("county", "county")):
        v = values.get(col, "")
        if v and not _NAME.fullmatch(v):
            return Given(), f"{what} {v!r} is not a name (2-20 characters, no spaces)"
        names[col] = v or None
    year = None
    cell = values.get("year", "")
    if cell:
        y = _YEAR.fullmatch(cell.translate(_FULL_DIGITS))
        if not y:
            return Given(), f"year {cell!r} is not a year (write it as 2023)"
        year = int(y.group(1))
    return Given(names["township"], names["county"], year), None


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def apply(facts, given: Given) -> None:
    """Put what the user gave into a report's facts (kg.model.ReportFacts), marked as given.

    A county given alone places the township extraction found in that county; with no
    township found it has nothing to place and is left out.
    """
    name = given.township or (facts.place.name if facts.place else None)
    if name and (given.township or given.county):
        county = given.county or (facts.place.county if facts.place and not given.township else None)
        facts.place = _resolve(name, county, facts.doc)
        facts.given = (*facts.given, "place")
    if given.year:
        facts.year = given.year
        facts.given = (*facts.given, "year")


def _resolve(name: str, county: str | None, doc):
    """The township against the register, the way extraction resolves one a report's head
    names: the given county written before it, the report's own text for other clues."""
    from kg.extract.register import counties, county_aliases
    from kg.extract.township import place_of
    from kg.model import Document, Place

    head = f"{county or ''}{name}"
    place = place_of(Document(doc.path, f"{head}\n{doc.text}", doc.sha256), head)
    if place is not None and place.name == name and (county is None or place.county is not None):
        return place
    # a name extraction would not read as a township (no 乡/镇/街道 at its end): kept as given
    rows = counties().get(county_aliases().get(county, county), ()) if county else ()
    if len(rows) == 1:
        return Place(name, county, None, rows[0].code, rows[0].city, rows[0].province, registered=False)
    return Place(name, county, registered=False)
