"""The folded HTML view kept in the build cache (kg.cache), so a build that adds reports folds
only theirs (kg.export.graphview.read_view)."""
from __future__ import annotations

from pathlib import Path

from kg import cache


class KeptView:
    """The folded HTML view (kg.export.graphview) of a build's records, kept in the cache: a
    build whose reports include all of the last build's folds only the new ones onto it.
    Folding is order-free (minima, sums and the first evidence by report order), so the view
    is the one a fold of every record gives (tested)."""

    def __init__(self, path: str | Path, keys: list[str | None]):
        self.path, self.keys = Path(path), keys      # keys: the cache key of each record, in order
        self._base: set[str] | None = None

    def restore(self, reader) -> set[int]:
        """Load the kept fold into `reader` (a graphview._Reader) if it fits; the indexes of the
        records it holds already."""
        if None in self.keys:
            return set()
        with cache.BuildCache(self.path) as store:
            kept = store.folded_view(reader.limit)
        if kept is None or not kept[0] <= set(self.keys) or not reader.restore(kept[1]):
            return set()
        self._base = kept[0]
        return {i for i, k in enumerate(self.keys) if k in self._base}

    def save(self, reader) -> None:
        """Keep the fold of all records, unless the kept one already holds all but a few of them."""
        keys = [k for k in self.keys if k is not None]
        if len(keys) != len(self.keys) or self._base == set(keys):
            return
        if self._base is not None and not cache.keep_anew(len(self._base), len(set(keys) - self._base)):
            return
        with cache.BuildCache(self.path) as store:
            store.save_folded_view(reader.limit, keys, reader.state())
