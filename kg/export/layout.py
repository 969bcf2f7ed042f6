"""Node positions for the HTML graph (布局), computed in Python so the page is readable at once.

Townships stand in a column on the left, sorted by county; the entities stand on the right
in three bands, 法规 above 机制 above 活动. Inside a band the entities most townships share
come first, in the columns nearest the townships, so the default top-N view is one compact
block; inside a column they are ordered by the mean height of their townships, which keeps
links short and mostly level. No randomness: the same view always gives the same layout.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from kg.export.graphview import REGULATION_KINDS, GraphView

ROW = 48            # vertical pitch of entity rows (a dot and its label below it)
COL = 230           # horizontal pitch of entity columns (labels are cut to ~14 characters)
TOWN_ROW = 56       # smallest vertical pitch of townships
TOWN_COL = 200
GAP = 360           # from the township column to the first entity column
ASPECT = 1.2        # width / height of the entity block
BAND_GAP = 90       # between bands, room for the band's heading
BANDS = (("法规", REGULATION_KINDS), ("机制", ("mechanism",)), ("活动", ("activity",)))


@dataclass
class Layout:
    towns: list[tuple[int, int]]
    entities: list[tuple[int, int]]
    headings: list[tuple[str, int, int]]   # (text, x, y) of each band and of the township column


def _columns(n: int, rows_needed: int) -> int:
    return max(1, math.ceil(n / max(1, rows_needed)))


def layout(view: GraphView) -> Layout:
    """Positions of every township and entity of `view` (integers, in canvas pixels)."""
    degree = view.degree()
    n_ent = len(view.entities)
    cols = max(1, round(math.sqrt(ASPECT * n_ent * ROW / COL))) if n_ent else 1
    bands = [(name, [i for i, e in enumerate(view.entities) if e.type in kinds]) for name, kinds in BANDS]
    bands = [(name, members) for name, members in bands if members]
    height = sum(math.ceil(len(m) / cols) * ROW for _, m in bands) + BAND_GAP * max(0, len(bands) - 1)
    height = max(height, ROW)

    # townships: one column spread over the block's height, or several when they are many
    n_town = len(view.towns)
    per_col = max(1, height // TOWN_ROW)
    town_cols = _columns(n_town, per_col)
    rows = math.ceil(n_town / town_cols) if n_town else 0
    pitch = max(TOWN_ROW, height // max(1, rows)) if town_cols == 1 else TOWN_ROW
    top = (height - pitch * (rows - 1)) // 2 if town_cols == 1 else 0
    towns = []
    for i in range(n_town):
        c, r = divmod(i, rows)
        towns.append((-(town_cols - 1 - c) * TOWN_COL, top + r * pitch))

    town_y: dict[int, list[int]] = {}
    for link in view.links:
        town_y.setdefault(link.entity, []).append(towns[link.town][1])
    centre = {e: sum(ys) / len(ys) for e, ys in town_y.items()}

    entities: list[tuple[int, int]] = [(0, 0)] * n_ent
    headings = [("乡镇", towns[0][0] if towns else 0, -BAND_GAP // 2 - 10)] if n_town else []
    y0 = 0
    for name, members in bands:
        members.sort(key=lambda i: (-degree[i], view.entities[i].label, i))
        band_rows = math.ceil(len(members) / cols)
        headings.append((name, GAP, y0 - BAND_GAP // 2 - 10))
        for c in range(cols):
            column = members[c * band_rows:(c + 1) * band_rows]
            column.sort(key=lambda i: (centre.get(i, height / 2), view.entities[i].label, i))
            for r, i in enumerate(column):
                entities[i] = (GAP + c * COL, y0 + r * ROW)
        y0 += band_rows * ROW + BAND_GAP
    return Layout(towns, entities, headings)
