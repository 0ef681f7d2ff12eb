"""The report as Markdown: plain text that reads well in a terminal and renders on a code host.

Text that came from a person or a bank is escaped, so a name with ``|`` cannot break a
table, one with ``<script>`` shows as text rather than as HTML, and ``![p](https://...)``
shows as written rather than as a tracking pixel; only what Markdown or HTML would act on
is escaped, so the text still reads as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from quiz.report import phrases
from quiz.report.model import Report
from quiz.safetext import printable

if TYPE_CHECKING:
    from quiz.attempts.comparison import Comparison

# An & only needs escaping where it would start a character reference (``&amp;``, ``&#60;``).
_REFERENCE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# A line starting with one of these would turn into a heading, a list item or a rule.
_LEADING_MARKER = re.compile(r"^([#+*-]|\d+(?=[.)](?:\s|$)))")
# A backslash before punctuation would escape it; on its own it is already literal.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# Code spans, emphasis and strike-through marks; an underscore only at a word's edge (inside
# a word, as in snake_case, it never emphasises); the ``]`` that would close a link or image
# text (``](``, ``][``) or a link definition (``]:``).
_INLINE = re.compile(r"[`*~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|\](?=[(\[:])")
# What a code host links on its own: a web address, or a name starting www.
_AUTOLINK = re.compile(r"\b(?:(https?|ftp|mailto)(:)|(www)(\.))", re.IGNORECASE)


def escape(value: str) -> str:
    """Text from a person or a bank, made safe for Markdown yet still readable as plain text.

    Line breaks fold into spaces; control characters are spelled out (``\\x1b``); ``<`` and
    ``>`` become entities, so no tag reaches a code host; an ``&`` that would start an
    entity becomes ``&amp;``. Backticks, asterisks, tildes, underscores at a word's edge and
    the ``]`` of a link or image get a backslash, and web addresses are broken so none
    becomes a link. Brackets on their own, underscores inside words and the like stay as
    typed: they cannot make anything.
    """
    folded = _BACKSLASH.sub(r"\\\\", " ".join(printable(value).split()))
    folded = _INLINE.sub(lambda match: "\\" + match.group(), folded)
    folded = _AUTOLINK.sub(
        lambda match: f"{match.group(1) or match.group(3)}\\{match.group(2) or match.group(4)}",
        folded,
    )
    return _REFERENCE.sub("&amp;", folded).replace("<", "&lt;").replace(">", "&gt;")


def block(value: str) -> str:
    """``escape`` for text that starts a line or a list item, where a leading ``#``, ``-``,
    ``+``, ``*`` or ``1.`` would make a heading or a list of it (so "-5" mid-line stays)."""
    return _LEADING_MARKER.sub(_escape_marker, escape(value))


def _escape_marker(match: re.Match[str]) -> str:
    marker = match.group(1)
    # "1." is escaped after the digits ("1\\."), the rest before the character ("\\#").
    return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"


def fenced(exhibit: str | None) -> list[str]:
    """An exhibit as a fenced code block (then a blank line), shown exactly as written.

    Nothing inside a fence is read as Markdown or HTML, so it needs no escaping; the fence
    is one backtick longer than any run of backticks in the exhibit, so none can close it.
    """
    if exhibit is None:
        return []
    runs = [len(run) for run in re.findall(r"`+", exhibit)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [f"{fence}text", *exhibit.split("\n"), fence, ""]


def table_cell(value: str) -> str:
    """A table cell, where a ``|`` would end the cell (``escape`` has already doubled a
    backslash before one)."""
    return value.replace("|", "\\|")


def render_markdown(report: Report, since: Comparison | None = None) -> str:
    sections = [
        _header(report),
        _unfinished(report),
        _warnings(report),
        _skills(report),
        _since(since),
        _roles(report),
        _certifications(report),
        _next_steps(report),
        _review(report),
        _footer(report),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str) -> str:
    """A pipe table; ``align`` holds one letter per column, l or r."""
    rule = ["---:" if a == "r" else ":---" for a in align]
    lines = [_row(headers), _row(rule)]
    lines.extend(_row([table_cell(value) for value in row]) for row in rows)
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(report: Report) -> str:
    return "\n\n".join(
        [
            f"# {block(phrases.headline(report))}",
            phrases.INTRO,
            f"*{escape(phrases.attempt_line(report))}*",
            escape(phrases.experience(report)),
            f"> {phrases.CAREERS_NOTE}",
        ]
    )


def _unfinished(report: Report) -> str:
    banner = phrases.unfinished(report)
    if banner is None:
        return ""
    return f"> **{escape(banner)}.** {escape(phrases.unfinished_note(report))}"


def _warnings(report: Report) -> str:
    warnings = phrases.other_warnings(report)
    if not warnings:
        return ""
    items = "\n".join(f"- {block(warning)}" for warning in warnings)
    return f"## Worth knowing\n\n{items}"


def _skills(report: Report) -> str:
    rows = [
        [
            escape(skill.name),
            escape(phrases.level_text(skill.level, skill.interval)),
            escape(skill.band or phrases.DASH),
            f"{skill.answered} / {skill.skipped}",
            phrases.DASH if skill.self_rated is None else f"{skill.self_rated:.1f}",
            phrases.DASH if skill.calibration is None else f"{skill.calibration:+.1f}",
            escape(skill.calibration_note or ""),
        ]
        for skill in report.skills
    ]
    table = _table(
        [
            "Skill",
            "Level (90% interval)",
            "Band",
            "Answered / skipped",
            "Self-rated",
            "Difference",
            "What it means",
        ],
        rows,
        "lllrrrl",
    )
    explain = (
        f"{phrases.LEVEL_NOTE} *Self-rated* is your mean self-rating, 1 (strongly disagree) "
        "to 5 (strongly agree), read as that level of 7; *difference* is self-rated minus "
        "level."
    )
    meanings = "\n".join(
        f"- **{escape(skill.name)}**: {escape(meaning)}"
        for skill in report.skills
        if (meaning := phrases.anchor_text(skill.anchor)) is not None
    )
    anchors = f"\n\nWhat each level means, in O*NET's words:\n\n{meanings}" if meanings else ""
    return f"## Your skills\n\n{explain}\n\n{table}{anchors}"


def _since(since: Comparison | None) -> str:
    """The change per skill since the previous finished attempt of the same name."""
    if since is None:
        return ""
    rows = [
        [
            escape(skill.name),
            phrases.DASH if skill.before is None else f"{skill.before:.1f}",
            phrases.DASH if skill.after is None else f"{skill.after:.1f}",
            skill.describe(),
        ]
        for skill in since.skills
    ]
    table = _table(["Skill", "Then", "Now", "Change"], rows, "lrrl")
    intro = (
        f"Against attempt {since.before.id} of {since.before.started_at:%Y-%m-%d}. A change "
        "within the 90% interval both levels' uncertainty gives it could be chance."
    )
    return f"## Since your last attempt\n\n{intro}\n\n{table}"


def _roles(report: Report) -> str:
    if not report.roles:
        return "## Roles your results point to\n\nNo roles to show for this attempt."
    summary = _table(
        ["Role", "Requirements", "Open", "Salary", "Entry"],
        [
            [
                escape(role.name),
                escape(phrases.counts(role)),
                escape(phrases.role_group(role)),
                escape(phrases.salary_line(role)),
                escape(phrases.role_kind(role)),
            ]
            for role in report.roles
        ],
        "lrlll",
    )
    parts = [
        "## Roles your results point to",
        escape(phrases.RANKING_NOTE),
        summary,
        "  \n".join(f"*{escape(note)}*" for note in phrases.salary_notes(report.roles)),
        escape(phrases.STATUS_NOTE),
    ]
    for role in report.roles:
        parts.append(f"### {block(role.name)}")
        parts.append(
            f"{escape(phrases.role_group(role))}; {escape(phrases.counts(role))}.  \n"
            f"Salary: {escape(phrases.salary_line(role))}.  \n"
            f"{escape(phrases.not_measured(role))}."
        )
        if not role.gaps:
            parts.append("No particular skill requirements.")
            continue
        parts.append(
            _table(
                ["Skill", "Needs", "Your level", "Status"],
                [
                    [
                        escape(gap.name),
                        phrases.required(gap.required_level),
                        phrases.DASH if gap.level is None else f"{gap.level:.1f}",
                        escape(phrases.gap_status_words(gap)),
                    ]
                    for gap in role.gaps
                ],
                "lrrl",
            )
        )
    return "\n\n".join(parts)


def _certifications(report: Report) -> str:
    if not report.certifications:
        return ""
    items = "\n".join(
        f"- **{escape(cert.name)}** ({escape(cert.provider)}): {escape(cert.reason)}"
        for cert in report.certifications
    )
    return f"## Certifications to consider\n\n{items}"


def _next_steps(report: Report) -> str:
    if not report.next_steps:
        return ""
    items = "\n".join(
        f"{number}. {block(step)}" for number, step in enumerate(report.next_steps, 1)
    )
    return f"## Next steps\n\n{items}"


def _review(report: Report) -> str:
    if not report.responses:
        return ""
    names = {skill.skill: skill.name for skill in report.skills}
    parts = ["## Your answers, question by question"]
    for number, response in enumerate(report.responses, 1):
        skill = names.get(response.skill, response.skill)
        lines = [
            f"**{number}. {escape(response.text)}**  ",
            f"{block(skill)}, `{response.question_id}`",
            "",
            *fenced(response.exhibit),
            f"- Your answer: {escape(phrases.answer(response))}",
            f"- Best answer: {escape(phrases.keyed(response))}",
            f"- Credit: {phrases.credit(response)}",
        ]
        if response.explanation:
            lines.append(f"- Why: {escape(response.explanation)}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _footer(report: Report) -> str:
    lines = ["---", "", f"Question banks used (report schema {report.schema_version}):", ""]
    lines.extend(f"- {block(bank.name)}: version `{bank.digest}`" for bank in report.attempt.banks)
    for source in report.sources:
        lines.extend(["", f"*{escape(source)}*"])
    return "\n".join(lines)
