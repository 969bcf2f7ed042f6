"""Activities (活动): events, campaigns, trainings, meetings and publicity actions."""
from __future__ import annotations

from kg.extract import phrase
from kg.model import Document


def candidates(doc: Document) -> list[phrase.Candidate]:
    """Known activities and days, noun phrases ending in 宣传/培训/会议/专项行动…, items of 开展A、B等活动."""
    return (phrase.lexicon_matches(doc, "activities.tsv", "activity")
            + phrase.head_phrases(doc, "activity_heads.txt", "activity")
            + phrase.listed_activities(doc))
