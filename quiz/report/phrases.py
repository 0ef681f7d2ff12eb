"""How the report's figures and answers read to a person, shared by Markdown and HTML.

Both renderings say the same thing in the same words; only the markup differs. Keeping
the wording here means a change of phrase cannot make the two disagree.
"""

from __future__ import annotations

from datetime import datetime

from questions.models import LIKERT_LABELS
from quiz.report.model import Report
from scoring.models import Answer, BlsMedian, LevelAnchor, ResponseResult, RoleMatch, SkillGap
from scoring.wording import plural, years

DASH = "—"
SAME = "Same as your answer"

CAREERS_NOTE = (
    "This report is for exploring careers and planning what to learn next. It is not a "
    "screening or hiring test: a short quiz cannot measure everything you can do."
)

# Marks a salary as the source article's figure; the footnote (salary_notes) names the
# source and its date once, rather than on every role.
SOURCE_MARK = "*"

INTRO = (
    "Thank you for taking the time. Below you can see what your answers to the practical "
    "questions showed (your level), how you rated yourself beside it, which roles your "
    "results point to, and the steps that could help most."
)

LEVEL_NOTE = (
    "Each skill is a level on O*NET's 0-7 scale, the scale the roles' requirements use, "
    "from your answers to the practical questions, with its 90% interval (the level is in "
    "it nine times in ten); your self-rating is shown beside it and never counted in it."
)

RANKING_NOTE = (
    "Roles open to you now (your experience meets theirs) come first: those whose "
    "requirements you meet, the one that asks most first (O*NET Job Zone, then years), then "
    "the others, fewest requirements to build first; roles to grow into come last, fewest "
    "years to go first. Salary never orders them."
)

STATUS_NOTE = (
    "A requirement is met when the chance your level reaches it is 90% or more, to build "
    "when it is 10% or less, and borderline in between."
)


def experience(report: Report) -> str:
    """The years of experience given, as a line of the report."""
    given = report.attempt.experience_years
    return f"Experience: {'not given' if given is None else years(given)}"


def role_group(role: RoleMatch) -> str:
    """Open now, or to grow into with the years still missing."""
    if role.open_now:
        return "Open to you now"
    return f"To grow into: needs {years(role.missing_years)} more hands-on experience"


def not_measured(role: RoleMatch) -> str:
    """What the role needs that the quiz cannot see, in one line."""
    return "Not measured by this quiz: " + "; ".join(
        item[0].lower() + item[1:] for item in role.not_measured
    )


def counts(role: RoleMatch) -> str:
    """How many requirements are met, borderline, to build and not assessed, and the chance
    of meeting them all: what the role's place in the list rests on."""
    parts = [f"{role.met} met", f"{role.borderline} borderline", f"{role.to_build} to build"]
    if role.not_assessed:
        parts.append(f"{role.not_assessed} not assessed")
    said = ", ".join(parts) + f" of {plural(len(role.gaps), 'requirement')}"
    if role.p_meets_all is not None:
        said += f"; chance you meet them all: {percent_of(role.p_meets_all)}"
    return said


def required(level: float) -> str:
    """A requirement as O*NET publishes it (3.25, 3.135), never rounded to look met."""
    return f"{level:g}"


def level_number(value: float | None) -> str:
    """A level (or a self-rating read as one) to one decimal; a dash when there is none."""
    return DASH if value is None else f"{value:.1f}"


def percent_of(chance: float) -> str:
    """A chance as a whole percent, e.g. 74%."""
    return f"{round(chance * 100)}%"


def level_text(level: float | None, interval: tuple[float, float] | None) -> str:
    """A level as a person reads it: "4.2 (3.6-4.9) of 7", or "not measured"."""
    if level is None:
        return "not measured"
    if interval is None:
        return f"{level:.1f} of 7"
    return f"{level:.1f} ({interval[0]:.1f}-{interval[1]:.1f}) of 7"


def gap_text(gap: SkillGap) -> str:
    """One requirement: "Data analysis 4.2 of 7, needs 5.0; chance you meet it: 12%"."""
    needs = f"needs {required(gap.required_level)}"
    if gap.level is None or gap.p_meets is None:
        return f"{gap.name} not assessed, {needs}"
    return f"{gap.name} {gap.level:.1f}, {needs}; chance you meet it: {percent_of(gap.p_meets)}"


def headline(report: Report) -> str:
    name = (report.attempt.name or "").strip()
    return f"Your skills profile, {name}" if name else "Your skills profile"


def whole(value: float) -> int:
    """A figure as a whole number, rounded as the terminal summary and scoring's notes round
    (Python's round), so the report never shows a different number from ``skillquiz show``."""
    return round(value)


def score(value: float | None) -> str:
    """A 0..100 score as a whole number, or a dash when there is none."""
    return DASH if value is None else str(whole(value))


def score_with_error(value: float | None, error: float | None) -> str:
    if value is None:
        return DASH
    return score(value) if error is None else f"{whole(value)} ± {whole(error)}"


def signed(value: float | None) -> str:
    """A difference with its sign, e.g. +13 or -5 (ASCII minus, so it copies cleanly)."""
    if value is None:
        return DASH
    number = whole(value)
    return f"{number:+d}" if number else "0"


def percent(value: float) -> str:
    return f"{whole(value)}%"


def when(moment: datetime | None) -> str:
    """A date and time as people write it, e.g. 25 November 2026, 09:52 UTC."""
    if moment is None:
        return "not finished"
    zone = f" {moment.tzname()}" if moment.tzinfo is not None else ""
    return f"{moment.day} {moment:%B %Y, %H:%M}{zone}"


def attempt_line(report: Report) -> str:
    attempt = report.attempt
    moment = attempt.finished_at or attempt.started_at
    state = "taken" if attempt.finished_at else "started"
    return f"Attempt {attempt.id}, {state} {when(moment)}, {attempt.length} length"


def unfinished(report: Report) -> str | None:
    """The banner of an attempt still in progress, or None once it is finished."""
    attempt = report.attempt
    if attempt.finished_at is not None:
        return None
    done = len(report.responses)
    total = attempt.questions if attempt.questions is not None else done
    return f"This attempt is not finished: {done} of {total} questions answered"


def unfinished_note(report: Report) -> str:
    """What the banner means for the figures, and how to carry on."""
    return (
        "The scores cover only those questions; the rest are neither wrong nor skipped. "
        f"Carry on with skillquiz take --resume {report.attempt.id}."
    )


def other_warnings(report: Report) -> list[str]:
    """The warnings a page lists, leaving out the unfinished banner it shows on its own."""
    banner = unfinished(report)
    return [warning for warning in report.warnings if banner is None or warning != banner]


def role_salary(role: RoleMatch) -> str:
    """The source's figure, marked for the footnote that names the source and its date,
    e.g. "USD 42,000 a year*"."""
    return role.salary.amount() + SOURCE_MARK


def bls_median(bls: BlsMedian) -> str:
    """A BLS median with its occupation and release, saying plainly when the release is
    older, e.g. "BLS median USD 56,550 (Industrial ... Technicians, May 2019, an older
    release)"; the publication is named once, in the footnote."""
    age = ", an older release" if bls.older else ""
    return f"BLS median {bls.currency} {bls.median:,} ({bls.occupation}, {bls.release}{age})"


def salary_line(role: RoleMatch) -> str:
    """The role's salary in one line: the source's figure and, where BLS has one, its
    median, e.g. "USD 42,000 a year*; BLS median USD 37,930 (..., May 2022, an older
    release)"."""
    bls = role.salary.bls
    return role_salary(role) + ("" if bls is None else f"; {bls_median(bls)}")


def salary_notes(roles: list[RoleMatch]) -> list[str]:
    """The salaries' footnote, once for every role: whose figures they are and their date,
    and what a BLS median from an older release means."""
    notes = dict.fromkeys(
        f"{SOURCE_MARK} {role.salary.source}, dated {role.salary.dated}: {role.salary.note}"
        for role in roles
    )
    if any(role.salary.bls is not None and role.salary.bls.older for role in roles):
        notes["A BLS median from an older release may be below what the job pays today."] = None
    return list(notes)


def anchor_text(anchor: LevelAnchor | None) -> str | None:
    """What a level means in O*NET's words: "Level 4 on O*NET's scale: e.g. assess new parts
    for precision and accuracy to specifications"; below every anchor, the lowest as the
    next step up. None when the skill has no level or no anchors."""
    if anchor is None:
        return None
    tasks = "; ".join(task[:1].lower() + task[1:] for task in anchor.tasks)
    if anchor.below:
        return f"Below level {anchor.level} on O*NET's scale (level {anchor.level}: e.g. {tasks})"
    return f"Level {anchor.level} on O*NET's scale: e.g. {tasks}"


def role_kind(role: RoleMatch) -> str:
    return "entry level" if role.entry else "needs experience or training"


def gap_status_words(gap: SkillGap) -> str:
    """The status of one skill a role needs, in words that do not depend on colour."""
    chance = "" if gap.p_meets is None else f" (chance you meet it: {percent_of(gap.p_meets)})"
    if gap.status == "met":
        return f"Met{chance}"
    if gap.status == "borderline":
        return f"Borderline{chance}"
    if gap.status == "not assessed":
        return "Not assessed in this attempt"
    return f"To build{chance}"


def answer(response: ResponseResult) -> str:
    """The answer a person gave, as they would recognise it."""
    return _answer_text(response.type, response.answer, skipped="Skipped")


def keyed(response: ResponseResult) -> str:
    """The keyed answer; self-ratings have none, so say why instead of showing a blank."""
    if response.type == "likert":
        return "No right answer (self-rating)"
    if _same_as_given(response):
        return SAME
    return _answer_text(response.type, readable_key(response), skipped=DASH)


def credit(response: ResponseResult) -> str:
    if response.type == "likert":
        return "self-rating"
    if response.credit is None:
        return "skipped"
    return percent(response.credit * 100)


def answer_list(response: ResponseResult) -> list[str]:
    """The answer given as separate lines, for a page that can show a list."""
    return _as_list(response.answer)


def keyed_list(response: ResponseResult) -> list[str]:
    if response.type == "likert" or _same_as_given(response):
        return []
    return _as_list(readable_key(response))


def readable_key(response: ResponseResult) -> Answer:
    """The keyed answer as a person reads it: a short answer's pattern (``lockout*tagout``)
    with its wildcards spelled out (``lockout...tagout``)."""
    from scoring.grading import readable_pattern

    if response.type == "text" and isinstance(response.keyed, str):
        return readable_pattern(response.keyed)
    return response.keyed


def _same_as_given(response: ResponseResult) -> bool:
    """A full-credit answer that is the key itself: say so rather than repeat a long list."""
    return (
        response.credit == 1 and response.answer is not None and (response.answer == response.keyed)
    )


def _as_list(value: Answer) -> list[str]:
    if isinstance(value, dict):
        return [f"{prompt}: {answer}" for prompt, answer in value.items()]
    return list(value) if isinstance(value, list) else []


def _answer_text(kind: str, value: Answer, *, skipped: str) -> str:
    if value is None:
        return skipped
    if kind == "likert" and isinstance(value, int) and 1 <= value <= len(LIKERT_LABELS):
        return f"{value} ({LIKERT_LABELS[value - 1]})"
    if isinstance(value, dict):
        return "; ".join(f"{prompt}: {answer}" for prompt, answer in value.items())
    if isinstance(value, list):
        if kind == "order":
            return "; ".join(f"{position}. {text}" for position, text in enumerate(value, 1))
        return "; ".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
