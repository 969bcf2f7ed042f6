"""Activities (活动): events, campaigns, trainings, meetings and publicity actions."""
from __future__ import annotations

from kg.extract import gazetteers, heads, lists, venues
from kg.extract.phrase import Candidate
from kg.model import Document


def candidates(doc: Document) -> list[Candidate]:
    """Known activities and days, noun phrases ending in 宣传/培训/会议/专项行动…, items of 开展A、B等活动,
    one activity per topic of a list before a publicity head (禁毒、反诈等宣传活动), activities named
    with their venue (在学校开展普法教育) or theme (开展以宪法为核心的…宣传活动)."""
    return (gazetteers.lexicon_matches(doc, "activities.tsv", "activity")
            + heads.head_phrases(doc, "activity_heads.txt", "activity")
            + lists.listed_activities(doc)
            + lists.topic_activities(doc)
            + lists.ways(doc)
            + venues.venue_activities(doc)
            + venues.themed_activities(doc))
