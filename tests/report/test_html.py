"""The HTML report: well formed, self-contained, escaped, and showing what the data says."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from report_fixtures import PAYLOAD, full_report

from questions.record import replace
from quiz.report import phrases
from quiz.report.htmlpage import render_html
from quiz.report.model import Report

VOID = {"meta", "link", "br", "img", "col", "input", "hr", "wbr", "source", "area", "base"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join(
            " ".join(child.split()) if isinstance(child, str) else child.text()
            for child in self.children
        ).strip()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.classes()):
                    found.append(child)
                found.extend(child.find_all(tag, cls))
        return found

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class TreeBuilder(HTMLParser):
    """A strict tree builder: every element must close, in order, or the test fails."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        open_tag = self.stack[-1].tag
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "elements left open at the end"
    return builder.root


@pytest.fixture(scope="module")
def report() -> Report:
    return full_report()


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def tree(page: str) -> Node:
    return parse(page)


def test_page_is_well_formed_html(page: str, tree: Node) -> None:
    assert page.startswith("<!DOCTYPE html>")
    (html,) = tree.find_all("html")
    assert html.attrs["lang"] == "en"
    assert len(tree.find_all("body")) == 1


def test_script_payload_is_escaped_never_a_tag(page: str, tree: Node) -> None:
    assert tree.find_all("script") == []
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The name and the bank's item both reach the reader as visible text.
    (heading,) = tree.find_all("h1")
    assert heading.text() == f"Your skills profile, Alex {PAYLOAD}"
    questions = " ".join(cell.text() for cell in tree.find_all("td", "question"))
    assert f"Which checks catch a safety flaw? {PAYLOAD}" in questions
    assert f"All three are safety checks. {PAYLOAD}" in questions


def test_attribute_values_are_escaped_too(report: Report) -> None:
    """Skill names reach the chart's aria-label; a quote in one must not open an attribute."""
    hostile = 'Safety" onload="alert(1)'
    skills = [replace(report.skills[0], name=hostile), *report.skills[1:]]
    tree = parse(render_html(replace(report, skills=skills)))
    (svg,) = tree.find_all("svg")
    assert "onload" not in svg.attrs
    assert hostile in svg.attrs["aria-label"]


def test_self_contained_no_external_resource(page: str, tree: Node) -> None:
    assert "http://" not in page
    assert "https://" not in page
    assert "//" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S).replace("<!--", "")
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert tree.find_all(tag) == [], tag
    css = " ".join(style.text() for style in tree.find_all("style"))
    assert "@import" not in css
    assert "url(" not in css
    assert "system-ui" in css


def test_radar_has_one_axis_per_skill_and_two_series(report: Report, tree: Node) -> None:
    (svg,) = tree.find_all("svg")
    assert svg.attrs["role"] == "img"
    axes = svg.find_all("line", "axis")
    assert len(axes) == len(report.skills) == 5
    polygons = svg.find_all("polygon")
    assert len(polygons) == 2
    assert {frozenset(p.classes()) for p in polygons} == {
        frozenset({"series", "self"}),
        frozenset({"series", "demonstrated"}),
    }
    # a missing self-rating (Research) gets no marker, so it does not read as a zero
    rated = [skill for skill in report.skills if skill.self_rated is not None]
    assert len(svg.find_all("rect", "self")) == len(rated) + 1  # one more in the legend
    assert len(svg.find_all("circle", "demonstrated")) == len(report.skills) + 1
    labels = " ".join(text.text() for text in svg.find_all("g", "labels"))
    for skill in report.skills:
        assert skill.name.split()[0] in labels


def test_radar_vertices_sit_at_the_scores(report: Report, tree: Node) -> None:
    (svg,) = tree.find_all("svg")
    axes = svg.find_all("line", "axis")
    centre = (float(axes[0].attrs["x1"]), float(axes[0].attrs["y1"]))
    full = math.dist(centre, (float(axes[0].attrs["x2"]), float(axes[0].attrs["y2"])))
    for polygon in svg.find_all("polygon"):
        series = "self_rated" if "self" in polygon.classes() else "level"
        vertices = [tuple(map(float, pair.split(","))) for pair in polygon.attrs["points"].split()]
        # a missing score (Research's self-rating) is left out, not drawn as a zero
        scored = [
            (skill, axis)
            for skill, axis in zip(report.skills, axes, strict=True)
            if getattr(skill, series) is not None
        ]
        assert len(vertices) == len(scored) >= 3
        for vertex, (skill, axis) in zip(vertices, scored, strict=True):
            value = getattr(skill, series)
            # on O*NET's 0-7 scale; a self-rating n is drawn at level n
            assert math.dist(centre, vertex) / full * 7 == pytest.approx(value, abs=0.02)
            # and on that skill's own axis
            tip = (float(axis.attrs["x2"]), float(axis.attrs["y2"]))
            cross = (tip[0] - centre[0]) * (vertex[1] - centre[1]) - (tip[1] - centre[1]) * (
                vertex[0] - centre[0]
            )
            assert abs(cross) < full * 0.5


def test_radar_has_a_text_alternative_with_every_figure(report: Report, tree: Node) -> None:
    (svg,) = tree.find_all("svg")
    (title,) = svg.find_all("title")
    assert title.text()
    described = svg.attrs["aria-label"]
    for skill in report.skills:
        assert skill.name in described
        assert f"demonstrated level {skill.level:.1f}" in described
    assert svg.find_all("desc")[0].text() == described


def test_the_two_series_differ_without_colour(tree: Node) -> None:
    css = " ".join(style.text() for style in tree.find_all("style"))
    self_rule = re.search(r"\.series\.self\s*\{([^}]*)\}", css)
    demonstrated_rule = re.search(r"\.series\.demonstrated\s*\{([^}]*)\}", css)
    assert self_rule and demonstrated_rule
    assert "stroke-dasharray" in self_rule.group(1)
    assert "stroke-dasharray" not in demonstrated_rule.group(1)
    (svg,) = tree.find_all("svg")
    legend = " ".join(node.text() for node in svg.find_all("g", "legend"))
    assert "Self-rated" in legend and "Demonstrated" in legend


def test_every_role_appears_with_its_counts_salary_and_gaps(report: Report, tree: Node) -> None:
    cards = tree.find_all("article", "role")
    assert [card.find_all("h3")[0].text() for card in cards] == [
        f"{number}. {r.name}" for number, r in enumerate(report.roles, 1)
    ]
    assert not tree.find_all("div", "fit-bar")
    said = " ".join(card.text() for card in cards)
    assert not re.search(r"\bfit\b", said)
    for card, role in zip(cards, report.roles, strict=True):
        assert phrases.counts(role) in card.text()
        assert phrases.salary_line(role) in card.text()
        assert role.salary.source not in card.text()  # named once, in the footnote
        rows = card.find_all("tbody")[0].find_all("tr")
        assert [row.find_all("th")[0].text() for row in rows] == [g.name for g in role.gaps]
        for row, gap in zip(rows, role.gaps, strict=True):
            cells = [cell.text() for cell in row.find_all("td")]
            assert cells[0] == f"{gap.required_level:g}"
            assert cells[1] == f"{gap.level:.1f}"
        assert phrases.role_group(role) in card.text()
        assert phrases.not_measured(role) in card.text()


def test_gap_status_is_in_words(report: Report, tree: Node) -> None:
    cards = tree.find_all("article", "role")
    manager = cards[[r.role for r in report.roles].index("qa_manager")]
    statuses = [
        row.find_all("td")[-1].text()
        for row in manager.find_all("tbody")[0].children
        if isinstance(row, Node)
    ]
    assert statuses == [
        "To build (chance you meet it: 0%)",
        "To build (chance you meet it: 5%)",
        "Borderline (chance you meet it: 12%)",
    ]


def test_skills_table_shows_each_level(report: Report, tree: Node) -> None:
    (table,) = tree.find_all("table", "skills")
    rows = [row for row in table.find_all("tr") if row.find_all("th") and row.find_all("td")]
    notes = [row.text() for row in table.find_all("tr", "note-row")]
    assert notes == [s.calibration_note for s in report.skills if s.calibration_note]
    assert len(rows) == len(report.skills)
    for row, skill in zip(rows, report.skills, strict=True):
        cells = [cell.text() for cell in row.find_all("td")]
        assert row.find_all("th")[0].text() == skill.name
        expected_self = "—" if skill.self_rated is None else f"{skill.self_rated:.1f}"
        assert skill.interval is not None and skill.level is not None
        low, high = skill.interval
        assert cells[0] == f"{skill.level:.1f} ({low:.1f}-{high:.1f}) of 7"
        assert cells[1] == skill.band
        assert cells[2] == f"{skill.answered} / {skill.skipped}"
        assert cells[3] == expected_self
        if skill.calibration is not None:
            assert cells[4] == f"{skill.calibration:+.1f}"


def test_page_holds_the_rest_of_the_report(report: Report, tree: Node, page: str) -> None:
    text = tree.text()
    for cert in report.certifications:
        assert cert.name in text
        assert cert.reason in text
    for step in report.next_steps:
        assert step in text
    for warning in report.warnings:
        assert warning in text
    salary = report.roles[0].salary
    assert text.count(f"* {salary.source}, dated {salary.dated}: {salary.note}") == 1
    assert "not a screening or hiring test" in text
    assert "25 November 2026" in text
    for bank in report.attempt.banks:
        assert bank.digest[:12] in text


def test_item_review_shows_answer_key_credit_and_why(report: Report, tree: Node) -> None:
    rows = tree.find_all("table", "review-table")
    body_rows = [row for table in rows for row in table.find_all("tbody")[0].find_all("tr")]
    assert len(body_rows) == len(report.responses)
    by_id = {row.find_all("p", "qid")[0].text(): row for row in body_rows}
    choice = by_id["ct-scn-01"].find_all("td")
    assert choice[1].text() == "Restart the server"
    assert choice[2].text() == "Check recent code changes and system load to isolate the cause"
    assert choice[3].text() == "25%"
    assert "Restarting hides the cause" in choice[0].text()
    order = by_id["rs-ord-01"].find_all("td")
    assert [li.text() for li in order[1].find_all("li")] == [
        "Shut down",
        "Lock and tag",
        "Isolate",
        "Verify",
    ]
    assert order[1].find_all("ol")
    skipped = by_id["ea-scn-02"].find_all("td")
    assert skipped[1].text() == "Skipped"
    assert skipped[3].text() == "skipped"
    right = by_id["da-num-01"].find_all("td")
    assert (right[1].text(), right[2].text(), right[3].text()) == (
        "4",
        "Same as your answer",
        "100%",
    )
    likert = by_id["ct-self-01"].find_all("td")
    assert likert[1].text() == "4 (Agree)"


def test_print_css_keeps_rows_and_certificate_cards_whole(tree: Node) -> None:
    css = " ".join(style.text() for style in tree.find_all("style"))
    printing = css[css.index("@media print") :]
    assert "@page" in css
    rule = re.search(r"([^{}]*)\{\s*break-inside:\s*avoid", printing)
    assert rule is not None
    selectors = {s.strip() for s in rule.group(1).split(",")}
    # A role's card may run on between rows of its table; a row never splits.
    assert {"tr", ".cert", "figure", ".level-skill"} <= selectors


def test_anonymous_attempt_with_few_skills_still_renders(report: Report) -> None:
    small = replace(
        report,
        attempt=replace(report.attempt, name=None, finished_at=None),
        skills=report.skills[:2],
        roles=[],
        certifications=[],
        next_steps=[],
        warnings=[],
        responses=[],
    )
    tree = parse(render_html(small))
    assert tree.find_all("h1")[0].text() == "Your skills profile"
    assert tree.find_all("svg") == []
    (bars,) = tree.find_all("figure", "levels")
    assert [
        bar.find_all("span", "level-name")[0].text() for bar in bars.find_all("div", "level-skill")
    ] == [skill.name for skill in small.skills]
    assert "No roles to show" in tree.text()
    assert "started 25 November 2026" in tree.text()


@pytest.mark.parametrize("count", [3, 4, 5, 8])
def test_radar_adapts_to_the_number_of_skills(report: Report, count: int) -> None:
    skills = [
        replace(report.skills[index % 5], skill=f"s{index}", name=f"Skill {index}")
        for index in range(count)
    ]
    tree = parse(render_html(replace(report, skills=skills)))
    (svg,) = tree.find_all("svg")
    assert len(svg.find_all("line", "axis")) == count
    polygons = {
        "self_rated" if "self" in polygon.classes() else "level": polygon
        for polygon in svg.find_all("polygon")
    }
    for series, polygon in polygons.items():
        scored = [skill for skill in skills if getattr(skill, series) is not None]
        assert len(polygon.attrs["points"].split()) == len(scored)
    labels = [text.text() for text in svg.find_all("g", "labels")[0].find_all("text")]
    assert [label.split("(")[0].strip() for label in labels] == [
        f"Skill {index}" for index in range(count)
    ]
    for label, skill in zip(labels, skills, strict=True):
        assert ("not rated" in label) == (skill.self_rated is None)


def test_radar_with_few_ratings_draws_points_and_says_what_is_missing(report: Report) -> None:
    """Under three values a series is points, not a polygon; a missing one is named."""
    skills = [
        replace(
            skill,
            self_rated=skill.self_rated if index < 2 else None,
            level=None if index == 4 else skill.level,
        )
        for index, skill in enumerate(report.skills)
    ]
    tree = parse(render_html(replace(report, skills=skills)))
    (svg,) = tree.find_all("svg")
    polygons = svg.find_all("polygon")
    assert [polygon.classes() for polygon in polygons] == [{"series", "demonstrated"}]
    assert len(polygons[0].attrs["points"].split()) == 4
    assert len(svg.find_all("rect", "self")) == 2 + 1  # two points, and the legend
    assert len(svg.find_all("circle", "demonstrated")) == 4 + 1
    labels = [text.text() for text in svg.find_all("g", "labels")[0].find_all("text")]
    assert ["not rated" in label for label in labels] == [False, False, True, True, True]
    assert ["not measured" in label for label in labels] == [False] * 4 + [True]


def test_level_bars_mark_level_interval_self_rating_and_every_requirement(
    report: Report,
) -> None:
    skills = [
        replace(
            report.skills[0], self_rated=3.5, level=2.8, interval=(2.1, 3.5), band="Foundational"
        ),
        replace(report.skills[1], self_rated=None, level=None, interval=None, band=None),
    ]
    shown = replace(report, skills=skills)
    tree = parse(render_html(shown))
    (figure,) = tree.find_all("figure", "levels")
    first, second = figure.find_all("div", "level-skill")

    def styles(block: Node, cls: str) -> list[str]:
        return [node.attrs["style"] for node in block.find_all("span", cls)]

    assert first.find_all("span", "level-value")[0].text() == "2.8 (2.1-3.5) of 7, Foundational"
    assert styles(first, "level-mark") == ["left: 40.0%"]
    assert styles(first, "interval") == ["left: 30.0%; width: 20.0%"]
    assert styles(first, "self-mark") == ["left: 50.0%"]
    needs = sorted(
        {
            gap.required_level
            for role in report.roles
            for gap in role.gaps
            if gap.skill == skills[0].skill
        }
    )
    ticks = first.find_all("span", "req")
    assert [tick.attrs["style"].split(";")[0] for tick in ticks] == [
        f"left: {level / 7 * 100:.1f}%" for level in needs
    ]
    numbers = [str(number) for tick in ticks for number in tick.text().split(", ")]
    assert sorted(numbers, key=int) == [
        str(number)
        for number, role in enumerate(report.roles, 1)
        if any(gap.skill == skills[0].skill for gap in role.gaps)
    ]
    label = first.find_all("div", "level-bar")[0].attrs["aria-label"]
    assert label.startswith(f"{skills[0].name}: level 2.8 of 7, 90% interval 2.1 to 3.5")
    for role in report.roles:
        assert (role.name in label) == any(gap.skill == skills[0].skill for gap in role.gaps)
    # Not measured: no level, interval or self-rating mark, and the words say so.
    assert second.find_all("span", "level-value")[0].text() == "not measured"
    assert styles(second, "level-mark") == styles(second, "interval") == []
    assert styles(second, "self-mark") == []
    legend = figure.find_all("figcaption")[0].text()
    for role in report.roles:
        assert role.name in legend


def test_level_bars_are_there_beside_the_radar(tree: Node) -> None:
    assert tree.find_all("figure", "levels")
    assert tree.find_all("figure", "radar")


def test_each_role_says_its_count_of_requirements_first(report: Report, tree: Node) -> None:
    for card, role in zip(tree.find_all("article", "role"), report.roles, strict=True):
        (line,) = card.find_all("p", "open-now")
        parts = [f"{role.met} met", f"{role.borderline} borderline", f"{role.to_build} to build"]
        parts += [f"{role.not_assessed} not assessed"] if role.not_assessed else []
        counted = f"{len(role.gaps)} requirements: {', '.join(parts)}"
        assert line.text() == f"{phrases.role_group(role)}; {counted}."
