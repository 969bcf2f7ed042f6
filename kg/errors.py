"""One error hierarchy: the library raises these, the CLI prints them as one line."""
from __future__ import annotations

import os

from kg import regex


class KGError(Exception):
    """Base of every error township-kg raises on purpose."""

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


def shown(path) -> str:
    """A file name as text that is safe to print, store and write into a literal: bytes that are
    not UTF-8 (a GBK name from a Windows archive) and control characters (ESC, OSC) escaped
    (\\xb1, \\x1b); an ordinary name is unchanged."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


_CONTROL = regex.compile(r"[\x00-\x1f\x7f-\x9f]")


class InputError(KGError):
    """A report file could not be read (missing, empty, binary, undecodable, corrupt)."""

    code = "E100"

    def __init__(self, path, reason: str):
        self.path, self.reason = shown(path), reason
        super().__init__(f"{self.path}: {reason}")


class NoReports(InputError):
    """A build in which no report could be read: there is no graph to return."""

    code = "E102"


class UnsupportedFormat(InputError):
    """A file whose extension no reader handles."""

    code = "E101"


class InputNote(InputError):
    """Something a user should know about an input that is not a failure (exit code 0)."""

    code = "W100"
    kind = "Warning"         # how the CLI heads its line: Warning (worth a look) or Note (for the record)


class Skipped(InputNote):
    """A file in a folder that no reader handles; it is skipped."""

    code = "W101"
    kind = "Note"


class NoTownship(InputNote):
    """A report whose township was not found; its facts hang on an unidentified township."""

    code = "W102"


class CacheNote(InputNote):
    """The build cache could not be used (corrupt, a folder, read-only); the build goes on without it."""

    code = "W103"


class Duplicate(InputNote):
    """A report whose text is the same as another input's (the .txt of a .docx): built once."""

    code = "W104"
    kind = "Note"


class ManifestNote(InputNote):
    """A manifest row that applies to no report: its file does not exist (manifest:line named)."""

    code = "W105"


class ManifestError(InputError):
    """A manifest row, or the manifest itself, that cannot be applied (manifest:line named)."""

    code = "E103"


class LexiconError(KGError):
    """A lexicon or pattern data file is malformed (the file and line are named)."""

    code = "E200"


class QueryError(KGError):
    """A SPARQL query is unknown, malformed or failed."""

    code = "E300"


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""

    code = "E400"


class StoreError(KGError):
    """A remote store refused or failed a request."""

    code = "E500"
