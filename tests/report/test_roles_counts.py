"""A role's counts of requirements are what the reports show of it: no chance of meeting
them all, which as a product of the chances would treat related skills as unrelated and
understate it (the JSON keeps p_meets_all for programs that read it)."""

from __future__ import annotations

import json
import re

from report_fixtures import full_report

from quiz.report.export import render
from quiz.report.htmlpage import render_html
from quiz.report.markdown import render_markdown

GROW = "To grow into: needs {} more hands-on experience; {} requirements: {} to build."
EACH_ROLE = [
    "Open to you now; 3 requirements: 2 met, 1 borderline, 0 to build.",
    "Open to you now; 2 requirements: 1 met, 1 borderline, 0 to build.",
    GROW.format("2 years", 2, "1 met, 1 borderline, 0"),
    GROW.format("1 year", 2, "1 met, 1 borderline, 0"),
    GROW.format("4 years", 3, "0 met, 1 borderline, 2"),
]


def test_markdown_gives_each_role_its_counts_alone() -> None:
    lines = [line.rstrip() for line in render_markdown(full_report()).splitlines()]
    assert [line for line in lines if line.startswith(("Open to", "To grow"))] == EACH_ROLE
    assert [
        line.split(" | ")[1]
        for line in lines
        if line.startswith("| ") and " requirements: " in line
    ][:2] == [
        "3 requirements: 2 met, 1 borderline, 0 to build",
        "2 requirements: 1 met, 1 borderline, 0 to build",
    ]
    assert "meet them all" not in "\n".join(lines)


def test_html_gives_each_role_its_counts_alone() -> None:
    page = render_html(full_report())
    said = [" ".join(text.split()) for text in re.findall(r'<p class="open-now">(.*?)</p>', page)]
    assert said == EACH_ROLE
    assert "meet them all" not in page


def test_the_json_report_keeps_p_meets_all() -> None:
    data = json.loads(render(full_report(), "json"))
    assert [role["p_meets_all"] for role in data["roles"]][:2] == [0.78, 0.27]


INSIDE = (
    "So a requirement can be met and still lie inside your 90% interval: the interval "
    "leaves out the lowest 5% and the highest 5%, while met asks only that your level reach "
    "the requirement nine times in ten."
)


def test_both_reports_say_why_met_can_sit_inside_the_interval() -> None:
    markdown = " ".join(render_markdown(full_report()).split())
    page = " ".join(render_html(full_report()).split())
    assert INSIDE in markdown
    assert INSIDE in page
