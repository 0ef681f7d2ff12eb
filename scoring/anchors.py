"""What a level means in words: O*NET's level-scale anchors for a skill's element.

O*NET illustrates its 0-7 level scale with anchor tasks per element (Critical Thinking at
level 4: "Evaluate customer complaints and determine appropriate responses"). A level is
told by the anchor at or below it, the one task a person at that level can be expected to
manage; a level below every anchor is told by the lowest one as the next step up. A skill
judged on two elements (research: Getting Information and Active Learning) is told by both,
at the same anchor level, since its level is the mean of the two.
"""

from __future__ import annotations

from typing import Annotated

from questions.models import Text
from questions.record import Record, Rule
from scoring.models import LevelAnchor

# Each anchor level (a whole number, 0-7) and its task; at least one (scoring.catalog_rules).
Anchors = Annotated[dict[int, str], Rule("scoring.catalog_rules:anchors")]


class Element(Record):
    """One O*NET element a skill's level is judged on, with its level-scale anchors."""

    element: Text
    id: Text
    anchors: Anchors


def level_anchor(elements: tuple[Element, ...], level: float | None) -> LevelAnchor | None:
    """The anchor at or below ``level`` (the lowest, marked ``below``, when it is under every
    anchor), with one task per element; None when there is no level or no element.

    Every element is read at the same anchor level: the highest level all of them anchor at
    or below ``level``, so the tasks shown side by side mean the same step on the scale.
    """
    if level is None or not elements:
        return None
    shared = set.intersection(*(set(element.anchors) for element in elements))
    if not shared:
        return None
    reached = [anchor for anchor in shared if anchor <= level]
    at = max(reached) if reached else min(shared)
    return LevelAnchor(
        level=at,
        below=not reached,
        elements=[element.element for element in elements],
        tasks=[element.anchors[at] for element in elements],
    )
