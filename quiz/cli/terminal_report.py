"""The results as a person reads them in the terminal, and the review of missed questions.

Shown at the end of ``take`` and by ``show``. Bank and catalog texts are printed as styled
text (never as markup), so brackets in a question cannot break or restyle the output.
In plain mode bars are ASCII and nothing is coloured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.errors import plural
from quiz.report.phrases import (
    anchor_text,
    band_text,
    experience,
    level_text,
    other_warnings,
    readable_key,
    unfinished,
)
from scoring.models import Answer, ResponseResult, SkillResult

if TYPE_CHECKING:
    from quiz.cli.screen import Screen
    from quiz.report.model import Report

BAR_WIDTH = 21
_LONGEST_TAIL = len("  6.9 (6.1-7.0) of 7  Foundational")


def _indent(console: Screen, spaces: int, text: str, style: str = "") -> None:
    """Print text indented, with wrapped lines keeping the indent."""
    from quiz.cli.console import print_wrapped

    print_wrapped(console, text, indent=spaces, style=style)


def _item(console: Screen, bullet: str, text: str, style: str = "") -> None:
    """A listed line ("- ", "! ", "* "): wrapped lines start under its text, not the bullet."""
    from quiz.cli.console import print_wrapped

    print_wrapped(console, text, bullet=bullet, style=style)


def bar(level: float | None, *, plain: bool, cells: int = BAR_WIDTH) -> tuple[str, str]:
    """The filled and empty parts of a level bar (0..7 over ``cells`` cells)."""
    filled = 0 if level is None else round(max(0.0, min(7.0, level)) * cells / 7)
    full, empty = ("#", "-") if plain else ("█", "░")
    return full * filled, empty * (cells - filled)


def _level_colour(band: str | None) -> str:
    if band is None:
        return "dim"
    return {"Developing": "red", "Foundational": "yellow"}.get(band, "green")


def _skill_lines(console: Screen, skill: SkillResult, width: int, plain: bool) -> None:
    """A skill's level on a bar with its interval and band, and what the level means in
    O*NET's words on the line below."""
    from quiz.cli.screen import styled

    shown = band_text(skill)
    # A range of bands ("between Developing and Proficient") is too long to share the
    # bar's line: it goes on the line below, as on a narrow terminal.
    below = shown is not None and shown != skill.band
    band = f"  {shown}" if shown and not below else ""
    # On a narrow terminal the bar shortens, and below 10 cells the name takes a line of
    # its own and the band goes to the line below, so the level never wraps away from
    # its bar.
    tail = f"  {level_text(skill.level, skill.interval)}{band}"
    lead = skill.name.ljust(width)
    cells = min(BAR_WIDTH, console.width - len(lead) - 2 - _LONGEST_TAIL)
    narrow = cells < 10
    if narrow:
        console.print(styled(skill.name, style="bold"))
        lead = "  "
        tail = f"  {level_text(skill.level, skill.interval)}"
        room = console.width - len(lead) - 2 - len(tail)
        cells = max(5, min(BAR_WIDTH, room))
    filled, empty = bar(skill.level, plain=plain, cells=cells)
    line = styled((lead, "bold"), "  ", (filled, _level_colour(skill.band)), (empty, "dim"), tail)
    console.print(line)
    if shown and (narrow or below):
        _indent(console, 4, shown)
    meaning = anchor_text(skill.anchor)
    if meaning is not None:
        _indent(console, 4, meaning, style="dim")


def _skill_details(console: Screen, skill: SkillResult) -> None:
    """The self-rating beside the level, the items it rests on, and how the two compare."""
    from quiz.cli.screen import styled

    rated = (
        "not self-rated"  # a dash here reads as a score of its own
        if skill.self_rated is None
        else f"self-rated {skill.self_rated:.1f} of 5 (not part of the level)"
    )
    console.print(styled(skill.name, style="bold"))
    detail = f"{rated}; {skill.answered} answered, {skill.skipped} skipped"
    _indent(console, 3, detail)
    if skill.calibration_note:
        _indent(console, 3, skill.calibration_note)


def _title(console: Screen, report: Report, plain: bool) -> None:
    from quiz.cli.screen import styled
    from quiz.safetext import shown_name

    attempt = report.attempt
    who = f" for {shown_name(attempt.name)}" if attempt.name else ""
    title = f"Results{who} (attempt {attempt.id}, {attempt.length})"
    if plain:
        from quiz.cli.console import wrap_text

        lines = wrap_text(title, console.width)
        console.print(styled(lines))
        console.print(styled("=" * max(len(line) for line in lines.splitlines())))
    else:
        from rich.rule import Rule

        console.print(Rule(styled(title, style="bold").rich()))
    banner = unfinished(report)
    if banner is not None:
        _indent(console, 0, f"{banner}; the results cover the answers so far.")
    _indent(console, 0, experience(report))


def render_summary(console: Screen, report: Report, *, plain: bool = False) -> None:
    """The scores first, on one screen: every skill's level and what it means, and a line
    per role; then the details: self-ratings, each role in full, certifications, next
    steps, warnings and the data's credits."""
    from quiz.cli.console import print_styled_wrapped
    from quiz.cli.screen import styled
    from quiz.cli.terminal_roles import render_role_details, render_role_summary

    _title(console, report, plain)
    console.print()
    _indent(console, 0, "Skills (your level on O*NET's 0-7 scale, with its 90% interval)", "bold")
    width = max((len(skill.name) for skill in report.skills), default=0)
    for skill in report.skills:
        _skill_lines(console, skill, width, plain)
    render_role_summary(console, report)

    console.print()
    _indent(console, 0, "Self-ratings, and the questions each level rests on", "bold")
    for skill in report.skills:
        _skill_details(console, skill)
    render_role_details(console, report)

    if report.certifications:
        console.print(styled("\nCertifications to consider", style="bold"))
        for cert in report.certifications:
            print_styled_wrapped(
                console, styled("- ", (cert.name, "bold"), f" ({cert.provider})"), hanging=2
            )
            _indent(console, 2, cert.reason)

    if report.next_steps:
        console.print(styled("\nNext steps", style="bold"))
        for step in report.next_steps:
            _item(console, "- ", step)

    warnings = other_warnings(report)
    if warnings:
        console.print(styled("\nPlease note", style="bold yellow"))
        for warning in warnings:
            _item(console, "! ", warning, style="yellow")

    for source in report.sources:
        console.print()
        _indent(console, 0, source, style="dim")


def render_footer(
    console: Screen, attempt_id: int, *, review: bool = False, saved: bool = True
) -> None:
    """The last lines: that the attempt is saved (with ``saved``: only after taking it, as
    a command that only reads must not sound as if it wrote), where to review what was
    missed (with ``review``) and how to export it."""

    console.print()
    if saved:
        _indent(console, 0, f"Attempt {attempt_id} is saved.")
    if review:
        _indent(
            console,
            0,
            f"What you missed, with the best answers and why: skillquiz show {attempt_id} --review",
        )
    _indent(console, 0, f"Export it with: skillquiz report {attempt_id} -o results.html")


def missed(report: Report) -> list[ResponseResult]:
    """Demonstrated questions answered with less than full credit, or skipped."""
    return [
        response
        for response in report.responses
        if response.type != "likert" and (response.credit is None or response.credit < 1)
    ]


def describe_answer(answer: Answer, kind: str) -> str:
    if answer is None:
        return "skipped"
    if isinstance(answer, dict):
        return "; ".join(f"{prompt} -> {picked}" for prompt, picked in answer.items())
    if isinstance(answer, list):
        return " -> ".join(answer) if kind == "order" else ", ".join(answer)
    return str(answer)


def render_review(console: Screen, report: Report) -> None:
    """Each missed question with the answer given, the keyed answer and its explanation."""
    from quiz.cli.screen import styled

    items = missed(report)
    if not items:
        console.print(styled("\nNo missed questions to review: every answer earned full credit."))
        return
    console.print(styled(f"\nReview: {plural(len(items), 'missed question')}"))
    for number, response in enumerate(items, start=1):
        credit = "skipped" if response.answer is None else f"credit {response.credit or 0:.0%}"
        console.print()
        _item(console, f"{number}. ", response.text, style="bold")
        if response.exhibit is not None:
            from quiz.cli.plain import exhibit_lines

            # As written, never re-wrapped: the lines of a table must stay lined up.
            for line in exhibit_lines(response.exhibit, indent=5):
                console.print(styled(line), soft_wrap=True)
        _indent(console, 3, f"Your answer: {describe_answer(response.answer, response.type)}")
        best = describe_answer(readable_key(response), response.type)
        _indent(console, 3, f"Best answer: {best}")
        _indent(console, 3, f"({credit})", style="dim")
        if response.explanation:
            _indent(console, 3, f"Why: {response.explanation}")
