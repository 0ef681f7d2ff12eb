"""The cohort report as Markdown, CSV, JSON or one self-contained HTML page (inline CSS and
SVG, no script, nothing fetched), the same tables in each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from quiz.classroom.cohort import BINS, SCALE_TOP, Cohort, as_data, share
from quiz.report.csvfile import write_csv
from quiz.report.markdown import escape, table_cell
from quiz.safetext import shown_name

FORMATS = ("html", "md", "json", "csv")


def number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def counted(count: int, total: int) -> str:
    """'7 (58%)': a count with its share of the learners."""
    part = share(count, total)
    return f"{count}" if part is None else f"{count} ({part:.0f}%)"


def headline(cohort: Cohort) -> str:
    learners = "learner" if cohort.learners == 1 else "learners"
    return f"Class results: {cohort.learners} {learners}"


def scope(cohort: Cohort) -> str:
    """Which attempts the report counts, in a sentence."""
    attempts = "attempt" if cohort.attempts == 1 else "attempts"
    counting = (
        "every finished attempt counted"
        if cohort.all_attempts
        else "each learner counted once, by their latest finished attempt"
    )
    parts = [f"{cohort.attempts} finished {attempts}, {counting}"]
    if cohort.since is not None:
        parts.append(f"finished on or after {cohort.since.date().isoformat()}")
    if cohort.name_pattern is not None:
        parts.append(f"learners named {cohort.name_pattern!r}")
    if cohort.unreadable:
        parts.append(f"{_attempts(cohort.unreadable)} that cannot be read left out")
    if cohort.imported:
        parts.append(
            f"{_attempts(cohort.imported)} imported from learners' reports (self-reported: "
            "a report can be edited)"
        )
    return "; ".join(parts) + "."


def _attempts(count: int) -> str:
    return f"{count} attempt" if count == 1 else f"{count} attempts"


# How much of an item's text the table shows beside its id.
ITEM_TEXT = 70


class Table(NamedTuple):
    title: str
    headers: tuple[str, ...]
    align: str  # one letter a column: l(eft), r(ight, numbers) or n (left, never wrapped)
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


# The first table, which the HTML page draws each skill's chart of levels above.
LEVELS_TITLE = "Levels and bands"


def tables(cohort: Cohort) -> list[Table]:
    """Every table of the report, in order; each format lays them out its own way."""
    result = [_scores(cohort), _calibration(cohort), _readiness(cohort), _items(cohort)]
    if cohort.learner_lines:
        result.append(_learners(cohort))
    return result


def _scores(cohort: Cohort) -> Table:
    level_names = [level for level, _ in cohort.skills[0].levels] if cohort.skills else []
    return Table(
        LEVELS_TITLE,
        ("Skill", "Learners", "Mean", "Median", *level_names),
        "lrrr" + "r" * len(level_names),
        tuple(
            (
                s.name,
                str(s.learners),
                number(s.mean),
                number(s.median),
                *(counted(count, s.learners) for _, count in s.levels),
            )
            for s in cohort.skills
        ),
        "Levels on O*NET's 0-7 scale: the mean and median of the learners' levels; each band "
        "column counts the learners whose level is in that band.",
    )


def _calibration(cohort: Cohort) -> Table:
    return Table(
        "Calibration",
        ("Skill", "Rate higher", "In line", "Rate lower", "Not compared"),
        "lrrrr",
        tuple(
            (
                s.name,
                str(s.over_rate),
                str(s.in_line),
                str(s.under_rate),
                str(s.calibration_unknown),
            )
            for s in cohort.skills
        ),
        "Learners whose self-rating, read as a level, is above (rate higher) or below (rate "
        "lower) the 90% interval of their level. Not compared: no self-rating, or too few "
        "questions answered to compare.",
    )


def _readiness(cohort: Cohort) -> Table:
    return Table(
        "Readiness",
        ("Role", "Ready now", "Most often in the way"),
        "lrl",
        tuple(
            (
                r.name,
                f"{r.ready} of {r.assessed}",
                "-" if r.blocking is None else f"{r.blocking[1]} ({r.blocking[2]} learners)",
            )
            for r in cohort.roles
        ),
        "Ready now: every requirement of the role met. Of: learners whose attempt "
        "measured a skill the role needs.",
    )


def _items(cohort: Cohort) -> Table:
    return Table(
        "Items to check",
        (
            "Skill",
            "Item",
            "Question",
            "Type",
            "n",
            "Facility",
            "Discrimination",
            "Efficiency",
            "Flags",
        ),
        "lnlnrrrrl",
        tuple(
            (
                cohort_skill_name(cohort, f.skill),
                f.question_id,
                clipped(f.text, ITEM_TEXT) or "-",
                f.type,
                str(f.n),
                number(f.facility),
                number(f.discrimination),
                number(f.efficiency),
                ", ".join(f.flags),
            )
            for f in cohort.flagged
        ),
        "As skillquiz stats flags them (Moodle's quiz statistics), in percent."
        + (
            f" {cohort.few_attempts} items rest on fewer than 30 attempts; their figures "
            "are uncertain."
            if cohort.few_attempts
            else ""
        )
        + (
            f" {_attempts(cohort.credits_unreadable)} left out of these figures: their "
            "stored credits cannot be read."
            if cohort.credits_unreadable
            else ""
        ),
    )


def clipped(text: str, limit: int) -> str:
    """An item's text cut at a word to about ``limit`` characters, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "\u2026"


def _learners(cohort: Cohort) -> Table:
    skill_ids = [s.skill for s in cohort.skills]
    return Table(
        "Learners",
        ("Name", "Attempt", "Finished", *(s.name for s in cohort.skills), "Ready for"),
        "lrl" + "r" * len(skill_ids) + "l",
        tuple(
            (
                shown_name(line.name) if line.name else "(no name)",
                str(line.attempt),
                f"{line.finished_at.astimezone():%Y-%m-%d}",
                *(number(line.scores.get(skill)) for skill in skill_ids),
                ", ".join(line.ready_for) or "-",
            )
            for line in cohort.learner_lines
        ),
    )


def cohort_skill_name(cohort: Cohort, skill: str) -> str:
    return next((s.name for s in cohort.skills if s.skill == skill), skill)


def _md_cell(value: str) -> str:
    return table_cell(escape(value))


def _md_distribution(cohort: Cohort) -> str:
    bands = [f"{b * SCALE_TOP // BINS}-{(b + 1) * SCALE_TOP // BINS}" for b in range(BINS)]
    lines = [
        "| Skill | " + " | ".join(bands) + " |",
        "| :--- | " + " | ".join("---:" for _ in bands) + " |",
    ]
    for s in cohort.skills:
        lines.append(f"| {_md_cell(s.name)} | " + " | ".join(str(c) for c in s.distribution) + " |")
    return "\n".join(lines)


def render_markdown(cohort: Cohort) -> str:
    parts = [f"# {escape(headline(cohort))}", f"*{escape(scope(cohort))}*"]
    for table in tables(cohort):
        parts.append(f"## {table.title}")
        if table.note:
            parts.append(escape(table.note))
        if not table.rows:
            parts.append("None.")
            continue
        rule = ["---:" if a == "r" else ":---" for a in table.align]  # n is left
        lines = [
            "| " + " | ".join(_md_cell(header) for header in table.headers) + " |",
            "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows),
        ]
        parts.append("\n".join(lines))
        if table.title == LEVELS_TITLE and cohort.skills:
            parts.append(
                "### Distribution of levels (learners per whole level of O*NET's 0-7 scale)"
            )
            parts.append(_md_distribution(cohort))
    return "\n\n".join(parts) + "\n"


def render_json(cohort: Cohort) -> str:
    return json.dumps(as_data(cohort), indent=2, allow_nan=False) + "\n"


def render_csv(cohort: Cohort) -> str:
    """Every figure as one row: section, subject (skill, role or item), measure, value."""
    rows: list[tuple[str, str, str, str | int | float | None]] = [
        ("class", "", "learners", cohort.learners),
        ("class", "", "attempts", cohort.attempts),
        ("class", "", "imported_attempts", cohort.imported),
    ]
    for s in cohort.skills:
        rows += [
            ("skills", s.skill, "learners", s.learners),
            ("skills", s.skill, "mean", s.mean),
            ("skills", s.skill, "median", s.median),
        ]
        for band, count in enumerate(s.distribution):
            low, high = band * SCALE_TOP // BINS, (band + 1) * SCALE_TOP // BINS
            rows.append(("distribution", s.skill, f"{low}-{high}", count))
        rows += [("levels", s.skill, level, count) for level, count in s.levels]
        rows += [
            ("calibration", s.skill, "over_rate", s.over_rate),
            ("calibration", s.skill, "in_line", s.in_line),
            ("calibration", s.skill, "under_rate", s.under_rate),
            ("calibration", s.skill, "not_compared", s.calibration_unknown),
        ]
    for r in cohort.roles:
        rows += [
            ("readiness", r.role, "ready", r.ready),
            ("readiness", r.role, "assessed", r.assessed),
            (
                "readiness",
                r.role,
                "most_often_blocking",
                None if r.blocking is None else r.blocking[0],
            ),
        ]
    for f in cohort.flagged:
        rows += [
            ("items", f.question_id, "text", f.text),
            ("items", f.question_id, "flags", "; ".join(f.flags)),
        ]
    for line in cohort.learner_lines:
        rows += [
            ("learners", line.name or "", skill, value) for skill, value in line.scores.items()
        ]
    return write_csv(("section", "subject", "measure", "value"), rows)


class HistogramBar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    count: int  # type: ignore[assignment]  # the field, in place of tuple.count
    label: str


class Histogram(NamedTuple):
    """A skill's score distribution as an SVG bar chart, drawn in a fixed viewBox that
    scales to the page's width."""

    skill: str
    name: str
    width: int
    height: int
    baseline: float
    bars: tuple[HistogramBar, ...]
    description: str


def histogram(skill: str, name: str, counts: Sequence[int]) -> Histogram:
    width, height, top, bottom, left = 400, 150, 16, 24, 8
    plot = height - top - bottom
    step = (width - 2 * left) / len(counts)
    most = max(counts, default=0) or 1
    bars = []
    for band, count in enumerate(counts):
        tall = plot * count / most
        bars.append(
            HistogramBar(
                x=round(left + band * step + 2, 1),
                y=round(top + plot - tall, 1),
                width=round(step - 4, 1),
                height=round(tall, 1),
                count=count,
                label=f"{band * SCALE_TOP // len(counts)}",
            )
        )
    description = ", ".join(
        f"{b * SCALE_TOP // len(counts)} to {(b + 1) * SCALE_TOP // len(counts)}: {c}"
        for b, c in enumerate(counts)
    )
    return Histogram(
        skill,
        name,
        width,
        height,
        top + plot,
        tuple(bars),
        f"Learners per whole level of O*NET's 0-7 scale for {name}: {description}",
    )


def render_html(cohort: Cohort) -> str:
    from quiz.report.htmlpage import environment

    charts = [histogram(s.skill, s.name, s.distribution) for s in cohort.skills]
    return (
        environment()
        .get_template("cohort.html.j2")
        .render(
            cohort=cohort,
            headline=headline(cohort),
            scope=scope(cohort),
            tables=tables(cohort),
            charts=charts,
            levels_title=LEVELS_TITLE,
        )
    )


def render(cohort: Cohort, fmt: str) -> str:
    if fmt == "json":
        return render_json(cohort)
    if fmt == "csv":
        return render_csv(cohort)
    if fmt == "html":
        return render_html(cohort)
    return render_markdown(cohort)
