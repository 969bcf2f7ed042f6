"""One error hierarchy: the library raises these, the CLI prints them as one line."""
from __future__ import annotations


class KGError(Exception):
    """Base of every error township-kg raises on purpose."""

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(KGError):
    """A report file could not be read (missing, empty, binary, undecodable, corrupt)."""

    code = "E100"

    def __init__(self, path, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormat(InputError):
    """A file whose extension no reader handles."""

    code = "E101"


class InputNote(InputError):
    """Something a user should know about an input that is not a failure (exit code 0)."""

    code = "W100"


class Skipped(InputNote):
    """A file in a folder that no reader handles; it is skipped."""

    code = "W101"


class NoTownship(InputNote):
    """A report whose township was not found; its facts hang on an unidentified township."""

    code = "W102"


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
