"""What a level means in words: O*NET's level-scale anchors, kept in the catalog."""

from __future__ import annotations

import pytest
from test_catalog import TEXT, assert_reported, fresh, line_of

from quiz.report.phrases import anchor_text
from scoring.anchors import Element, level_anchor
from scoring.models import LevelAnchor

QCA = Element(
    element="Quality Control Analysis",
    id="2.B.3.m",
    anchors={
        2: "Inspect a draft email for errors (e.g., grammar, punctuation)",
        4: "Assess new parts for precision and accuracy to specifications",
        6: "Develop procedures to test a prototype of a new computer system",
    },
)


@pytest.mark.parametrize(
    ("level", "anchor", "below"),
    [(0.4, 2, True), (1.9, 2, True), (2.0, 2, False), (3.9, 2, False), (4.0, 4, False),
     (5.9, 4, False), (6.0, 6, False), (7.0, 6, False)],
)  # fmt: skip
def test_a_level_is_told_by_the_anchor_at_or_below_it(
    level: float, anchor: int, below: bool
) -> None:
    assert level_anchor((QCA,), level) == LevelAnchor(
        level=anchor,
        below=below,
        elements=["Quality Control Analysis"],
        tasks=[QCA.anchors[anchor]],
    )


def test_no_level_or_no_element_has_no_anchor() -> None:
    assert level_anchor((QCA,), None) is None
    assert level_anchor((), 4.0) is None


def test_two_elements_are_read_at_the_same_anchor_level() -> None:
    other = Element(element="Other", id="x", anchors={3: "Three", 5: "Five"})
    assert level_anchor((QCA, other), 5.5) is None  # no level both anchor at
    half = Element(element="Half", id="y", anchors={2: "Two", 6: "Six"})
    assert level_anchor((QCA, half), 5.5) == LevelAnchor(
        level=2, below=False, elements=["Quality Control Analysis", "Half"],
        tasks=[QCA.anchors[2], "Two"],
    )  # fmt: skip


def test_the_sentence_a_person_reads() -> None:
    assert anchor_text(level_anchor((QCA,), 4.2)) == (
        "Level 4 on O*NET's scale: e.g. assess new parts for precision and accuracy to "
        "specifications"
    )
    assert anchor_text(level_anchor((QCA,), 1.2)) == (
        "Below level 2 on O*NET's scale (level 2: e.g. inspect a draft email for errors "
        "(e.g., grammar, punctuation))"
    )
    assert anchor_text(None) is None


def test_the_catalog_keeps_onets_anchors_for_each_skills_elements() -> None:
    catalog = fresh()
    elements = {
        skill: [
            (element.element, element.id, sorted(element.anchors)) for element in spec.onet_elements
        ]
        for skill, spec in catalog.skills.items()
    }
    assert elements == {
        "critical_thinking": [("Critical Thinking", "2.A.2.a", [2, 4, 6])],
        "data_analysis": [("Analyzing Data or Information", "4.A.2.a.4", [1, 4, 6])],
        "attention_to_detail": [("Quality Control Analysis", "2.B.3.m", [2, 4, 6])],
        "empathy": [("Social Perceptiveness", "2.B.1.a", [2, 4, 6])],
        "research": [
            ("Getting Information", "4.A.1.a.1", [2, 4, 6]),
            ("Active Learning", "2.A.2.b", [2, 4, 6]),
        ],
    }
    assert catalog.anchor("attention_to_detail", 4.2) == level_anchor((QCA,), 4.2)
    research = catalog.anchor("research", 4.6)
    assert research is not None
    assert research.tasks == [
        "Review a budget",
        "Determine the impact of new menu changes on a restaurant's purchasing requirements",
    ]
    assert catalog.anchor("no_such_skill", 4.0) is None
    # Credited where the data is used.
    assert "level anchors use the O*NET 29.3 Database" in " ".join(catalog.sources)
    assert "Level Scale Anchors" in TEXT


def test_an_anchor_level_outside_the_scale_is_reported_at_its_line() -> None:
    bad = TEXT.replace('          6: "Write legal brief', '          8: "Write legal brief', 1)
    assert_reported(bad, line_of('6: "Write legal brief'), "less than or equal to 7")
