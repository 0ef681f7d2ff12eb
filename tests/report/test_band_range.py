"""A level too uncertain to place in one band (a quick quiz, posterior SD over 0.6) is
shown as the bands its 90% interval spans, in every rendering; the data keeps its band."""

from __future__ import annotations

import json
import re

from report_fixtures import full_report

from questions.record import replace
from quiz.report.export import render
from quiz.report.htmlpage import render_html
from quiz.report.markdown import render_markdown
from quiz.report.model import Report
from quiz.report.phrases import band_text


def quick(report: Report) -> Report:
    """The report with research as a quick quiz leaves it: 2.4 (0.9-4.1), SD 0.61."""
    skills = [
        replace(s, level_sd=0.61, interval=(0.9, 4.1)) if s.skill == "research" else s
        for s in report.skills
    ]
    return replace(report, skills=skills)


def test_the_band_is_a_range_only_past_an_sd_of_0_6() -> None:
    report = quick(full_report())
    assert [band_text(s) for s in report.skills] == [
        "Foundational",
        "Proficient",
        "Advanced",
        "Foundational",
        "between Developing and Proficient",
    ]
    (research,) = [s for s in full_report().skills if s.skill == "research"]
    assert band_text(research) == "Foundational"  # SD 0.6: one band
    narrow = replace(research, level_sd=0.7, interval=(2.1, 3.9))
    assert band_text(narrow) == "Foundational"  # both ends in one band


def test_markdown_and_html_show_the_range_and_the_json_keeps_the_band() -> None:
    report = quick(full_report())
    markdown = render_markdown(report)
    row = next(line for line in markdown.splitlines() if line.startswith("| Research |"))
    assert row.split(" | ")[1:3] == ["2.4 (0.9-4.1) of 7", "between Developing and Proficient"]
    page = render_html(report)
    cells = re.findall(r'<td data-label="Band">(.*?)</td>', page)
    assert cells[-1] == "between Developing and Proficient"
    assert (
        '<span class="level-value">2.4 (0.9-4.1) of 7, between Developing and Proficient</span>'
    ) in page
    data = json.loads(render(report, "json"))
    assert [s["band"] for s in data["skills"]][-1] == "Foundational"
