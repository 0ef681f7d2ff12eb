"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

Jinja2 autoescaping is switched on outright: ``select_autoescape`` decides by file name and
would leave a template called ``*.html.j2`` unescaped, letting a name or a bank's text
inject markup into the page.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from quiz.report import phrases
from quiz.report.bars import build_bars
from quiz.report.model import Report
from quiz.report.radar import build_radar
from quiz.safetext import printable
from scoring.models import ResponseResult

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison

TEMPLATE = "report.html.j2"


@cache
def environment() -> Environment:
    """One environment per process, so the template is compiled once however many reports."""
    return Environment(
        loader=PackageLoader("quiz.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )


def _printable(value: object) -> object:
    """Every value the page shows, control characters spelled out (a typed answer may carry
    ESC or NUL, which no page should hold); markup built here has none to spell."""
    if isinstance(value, Markup):
        return Markup(printable(str(value)))
    return printable(value) if isinstance(value, str) else value


def render_html(report: Report, since: Comparison | None = None) -> str:
    names = {skill.skill: skill.name for skill in report.skills}
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            radar=build_radar(report.skills),
            bars=build_bars(report.skills, report.roles),
            skill_names=names,
            text=phrases,
            review=_review_groups(report, names),
            since=since,
        )
    )


def _review_groups(
    report: Report, names: dict[str, str]
) -> list[tuple[str, list[tuple[int, ResponseResult]]]]:
    """The responses grouped by skill, in the order skills were asked, numbered throughout."""
    groups: dict[str, list[tuple[int, ResponseResult]]] = {}
    for number, response in enumerate(report.responses, 1):
        groups.setdefault(response.skill, []).append((number, response))
    return [(names.get(skill, skill), items) for skill, items in groups.items()]
