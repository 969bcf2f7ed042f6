"""Node positions for the HTML graph (布局), computed in Python so the page is readable at once.

Townships stand in a column on the left, sorted by county; the entities stand on the right
in three bands, 法规 above 机制 above 活动. Inside a band the entities most townships share
come first, in the columns nearest the townships; inside a column they are ordered by the
mean height of their townships, which keeps links short and mostly level. In a big build
the entities beyond the page's default top-N get a second block further right, so the
default view is one compact block. No randomness: the same view gives the same layout.
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


def _bands(view: GraphView, members: list[int], degree: list[int], centre: dict[int, float],
           x0: int, suffix: str, entities: list, headings: list) -> int:
    """Place `members` in bands starting at x0; returns the x just right of the block."""
    n = len(members)
    cols = max(1, round(math.sqrt(ASPECT * n * ROW / COL))) if n else 1
    y0 = 0
    for name, kinds in BANDS:
        band = [i for i in members if view.entities[i].type in kinds]
        if not band:
            continue
        band.sort(key=lambda i: (-degree[i], view.entities[i].label, i))
        band_rows = math.ceil(len(band) / cols)
        headings.append((name + suffix, x0, y0 - BAND_GAP // 2 - 10))
        for c in range(cols):
            column = band[c * band_rows:(c + 1) * band_rows]
            column.sort(key=lambda i: (centre.get(i, 0.0), view.entities[i].label, i))
            for r, i in enumerate(column):
                entities[i] = (x0 + c * COL, y0 + r * ROW)
        y0 += band_rows * ROW + BAND_GAP
    return x0 + cols * COL


def _height(view: GraphView, members: list[int]) -> int:
    n = len(members)
    cols = max(1, round(math.sqrt(ASPECT * n * ROW / COL))) if n else 1
    sizes = [sum(1 for i in members if view.entities[i].type in kinds) for _, kinds in BANDS]
    sizes = [k for k in sizes if k]
    return max(ROW, sum(math.ceil(k / cols) * ROW for k in sizes) + BAND_GAP * max(0, len(sizes) - 1))


def layout(view: GraphView, first: int = 0) -> Layout:
    """Positions of every township and entity of `view` (integers, in canvas pixels).

    With `first` > 0 and more entities than that, the `first` entities most townships share
    get the block next to the townships and the rest a second block further right, so the
    page's default top-N view is compact.
    """
    degree = view.degree()
    order = sorted(range(len(view.entities)), key=lambda i: (-degree[i], view.entities[i].label, i))
    tiers = [order[:first], order[first:]] if 0 < first < len(order) else [order]
    height = _height(view, tiers[0])

    # townships: one column spread over the block's height, or several when they are many
    n_town = len(view.towns)
    town_cols = max(1, math.ceil(n_town / max(1, height // TOWN_ROW)))
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

    entities: list[tuple[int, int]] = [(0, 0)] * len(view.entities)
    headings = [("乡镇", towns[0][0], -BAND_GAP // 2 - 10)] if n_town else []
    x = _bands(view, tiers[0], degree, centre, GAP, "", entities, headings)
    if len(tiers) > 1:
        _bands(view, tiers[1], degree, centre, x + 2 * COL, "（其余）", entities, headings)
    return Layout(towns, entities, headings)
