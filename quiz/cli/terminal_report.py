"""The results as a person reads them in the terminal, and the review of missed questions.

Shown at the end of ``take`` and by ``show``. Bank and catalog texts are printed as rich
``Text`` (never as markup), so brackets in a question cannot break or restyle the output.
In plain mode bars are ASCII and nothing is coloured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.errors import plural
from quiz.report.phrases import (
    experience,
    not_measured,
    other_warnings,
    readable_key,
    role_group,
    unfinished,
)
from scoring.models import Answer, ResponseResult, RoleMatch, SkillGap, SkillResult

if TYPE_CHECKING:
    from rich.console import Console

    from quiz.report.model import Report

BAR_WIDTH = 20
_LONGEST_TAIL = len("  100 ± 50  Foundational")
TOP_ROLES = 3
GROW_ROLES = 2
GAPS_PER_ROLE = 2


def _indent(console: Console, spaces: int, text: str, style: str = "") -> None:
    """Print text indented, with wrapped lines keeping the indent."""
    from quiz.cli.console import print_wrapped

    print_wrapped(console, text, indent=spaces, style=style)


def _item(console: Console, bullet: str, text: str, style: str = "") -> None:
    """A listed line ("- ", "! ", "* "): wrapped lines start under its text, not the bullet."""
    from quiz.cli.console import print_wrapped

    print_wrapped(console, text, bullet=bullet, style=style)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def bar(score: float | None, *, plain: bool, cells: int = BAR_WIDTH) -> tuple[str, str]:
    """The filled and empty parts of a score bar (0..100 over ``cells`` cells)."""
    filled = 0 if score is None else round(max(0.0, min(100.0, score)) * cells / 100)
    full, empty = ("#", "-") if plain else ("█", "░")
    return full * filled, empty * (cells - filled)


def _score_colour(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 70 else "yellow" if score >= 45 else "red"


def _skill_lines(console: Console, skill: SkillResult, width: int, plain: bool) -> None:
    from rich.text import Text

    error = f" ± {skill.standard_error:.0f}" if skill.standard_error is not None else ""
    score = "not measured" if skill.score is None else f"{skill.score:.0f}{error}"
    level = f"  {skill.level}" if skill.level else ""
    # On a narrow terminal the bar shortens, and below 10 cells the name takes a line of
    # its own, so the score and level never wrap away from their bar.
    # Every skill's bar has the same length, measured against the longest score and level.
    tail = f"  {score}{level}"
    lead = skill.name.ljust(width)
    cells = min(BAR_WIDTH, console.width - len(lead) - 2 - _LONGEST_TAIL)
    if cells < 10:
        console.print(Text(skill.name, style="bold"))
        lead = "  "
        cells = max(5, min(BAR_WIDTH, console.width - len(lead) - 2 - _LONGEST_TAIL))
    filled, empty = bar(skill.score, plain=plain, cells=cells)
    line = Text.assemble(
        (lead, "bold"),
        "  ",
        (filled, _score_colour(skill.score)),
        (empty, "dim"),
        tail,
    )
    console.print(line)
    detail = (
        f"self-rated {_number(skill.self_rated)} (not part of the score); "
        f"{skill.answered} of {skill.asked} answered"
    )
    _indent(console, 4, detail, style="dim")
    if skill.calibration_note:
        _indent(console, 4, skill.calibration_note)


def _gap_text(gap: SkillGap) -> str:
    if gap.score is None:
        return f"{gap.name} not assessed ({gap.required:.0f} needed)"
    error = f" ± {gap.standard_error:.0f}" if gap.standard_error is not None else ""
    return f"{gap.name} {gap.score:.0f}{error} of {gap.required:.0f} needed"


def _coverage(role: RoleMatch) -> str:
    """ " on 2 of 5 skills" when the fit rests on only some of the skills a role needs.

    A fit is computed over the skills assessed, so 100% after two skills says less than
    it seems to; the count says how much it rests on.
    """
    if role.measured == len(role.gaps):
        return ""
    return f" on {role.measured} of {len(role.gaps)} skills"


def _role_lines(console: Console, rank: int, role: RoleMatch) -> None:
    from rich.text import Text

    from quiz.cli.console import print_styled_wrapped

    headline = Text.assemble(
        f"{rank}. ",
        (role.name, "bold"),
        f"  fit {role.fit:.0f}%{_coverage(role)}",
        f"  {role.salary.describe()}*",
        ("  (entry level)" if role.entry else "", "dim"),
    )
    print_styled_wrapped(console, headline, hanging=len(f"{rank}. "))
    if not role.open_now:
        _indent(console, 3, role_group(role).lower())
    shown = 0
    for status in ("to build", "borderline"):
        gaps = [gap for gap in role.gaps if gap.status == status][: GAPS_PER_ROLE - shown]
        if gaps:
            shown += len(gaps)
            _indent(console, 3, f"{status}: " + "; ".join(_gap_text(gap) for gap in gaps))
    if not any(gap.status in ("to build", "borderline", "not assessed") for gap in role.gaps):
        _indent(console, 3, "every skill it needs is met, even allowing for the margin of error")
    _indent(console, 3, not_measured(role), style="dim")


def _roles(console: Console, report: Report) -> None:
    """The best roles open now, then the ones to grow into, with the salaries' caveats."""
    from rich.text import Text

    if not report.roles:
        return
    open_now = [role for role in report.roles if role.open_now][:TOP_ROLES]
    to_grow = [role for role in report.roles if not role.open_now][:GROW_ROLES]
    shown = [*open_now, *to_grow]
    if open_now:
        console.print(Text("\nRoles open to you now, best fit first", style="bold"))
        for rank, role in enumerate(open_now, start=1):
            _role_lines(console, rank, role)
    if to_grow:
        console.print(Text("\nRoles to grow into", style="bold"))
        for rank, role in enumerate(to_grow, start=len(open_now) + 1):
            _role_lines(console, rank, role)
    notes = dict.fromkeys(role.salary.note for role in shown)
    for note in notes:
        _item(console, "* ", note, style="dim")


def render_summary(console: Console, report: Report, *, plain: bool = False) -> None:
    """Per-skill scores, the best-fitting roles, certifications, next steps and warnings."""
    from rich.rule import Rule
    from rich.text import Text

    from quiz.cli.console import print_styled_wrapped

    attempt = report.attempt
    who = f" for {attempt.name}" if attempt.name else ""
    title = f"Results{who} (attempt {attempt.id}, {attempt.length})"
    if plain:
        from quiz.cli.console import wrap_text

        lines = wrap_text(title, console.width)
        console.print(Text(lines))
        console.print(Text("=" * max(len(line) for line in lines.splitlines())))
    else:
        console.print(Rule(Text(title, style="bold")))
    banner = unfinished(report)
    if banner is not None:
        _indent(console, 0, f"{banner}; the results cover the answers so far.")
    _indent(console, 0, experience(report))

    console.print(Text("\nSkills (what you showed, 0-100; ± is the margin of error)", style="bold"))
    width = max((len(skill.name) for skill in report.skills), default=0)
    for skill in report.skills:
        _skill_lines(console, skill, width, plain)

    _roles(console, report)

    if report.certifications:
        console.print(Text("\nCertifications to consider", style="bold"))
        for cert in report.certifications:
            print_styled_wrapped(
                console, Text.assemble("- ", (cert.name, "bold"), f" ({cert.provider})"), hanging=2
            )
            _indent(console, 2, cert.reason)

    if report.next_steps:
        console.print(Text("\nNext steps", style="bold"))
        for step in report.next_steps:
            _item(console, "- ", step)

    warnings = other_warnings(report)
    if warnings:
        console.print(Text("\nPlease note", style="bold yellow"))
        for warning in warnings:
            _item(console, "! ", warning, style="yellow")

    for source in report.sources:
        console.print()
        _indent(console, 0, source, style="dim")


def render_footer(console: Console, attempt_id: int, *, review: bool = False) -> None:
    """The last lines: which attempt this was, where to review what was missed (with
    ``review``) and how to export it."""

    console.print()
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


def render_review(console: Console, report: Report) -> None:
    """Each missed question with the answer given, the keyed answer and its explanation."""
    from rich.text import Text

    items = missed(report)
    if not items:
        console.print(Text("\nNo missed questions to review: every answer earned full credit."))
        return
    console.print(Text(f"\nReview: {plural(len(items), 'missed question')}"))
    for number, response in enumerate(items, start=1):
        credit = "skipped" if response.answer is None else f"credit {response.credit or 0:.0%}"
        console.print()
        _item(console, f"{number}. ", response.text, style="bold")
        if response.exhibit is not None:
            from quiz.cli.plain import exhibit_lines

            # As written, never re-wrapped: the lines of a table must stay lined up.
            for line in exhibit_lines(response.exhibit, indent=5):
                console.print(Text(line), soft_wrap=True)
        _indent(console, 3, f"Your answer: {describe_answer(response.answer, response.type)}")
        best = describe_answer(readable_key(response), response.type)
        _indent(console, 3, f"Best answer: {best}")
        _indent(console, 3, f"({credit})", style="dim")
        if response.explanation:
            _indent(console, 3, f"Why: {response.explanation}")
