"""The profile question asked before the first skill: years of hands-on experience.

Role advice needs it (a role that asks for years of quality work is not open to someone
starting out), and the quiz cannot measure it, so it is asked, skippably, once per
attempt: a whole number of years, stored as given, so a role's minimum is compared with
what the person has, not with the lower end of a band. The interactive prompt and plain
mode read the same replies; ``--experience`` takes any number of years. Attempts that
answered the earlier bands keep the years stored then (0, 0.5, 1, 3 or 5).
"""

from __future__ import annotations

import math
import re

EXPERIENCE_QUESTION = "Years of hands-on experience in production, manufacturing or quality work?"

# No working life is longer; a larger figure is a typing slip, not experience.
MAX_EXPERIENCE_YEARS = 70


class ExperienceError(ValueError):
    """A number of years that cannot be used; the message says why."""


def parse_experience(text: str) -> float:
    """Years as given to ``--experience``: a finite number from 0 to MAX_EXPERIENCE_YEARS."""
    value = text.strip()
    try:
        years = float(value)
    except ValueError:
        raise ExperienceError(f"{value[:30]!r} is not a number of years") from None
    if not math.isfinite(years) or not 0 <= years <= MAX_EXPERIENCE_YEARS:
        raise ExperienceError(
            f"{value[:30]!r} is not a number of years from 0 to {MAX_EXPERIENCE_YEARS}"
        )
    return years


_WHOLE_YEARS = re.compile(r"(?P<years>[0-9]{1,3})(?:\s*(?:years?|yrs?))?", re.IGNORECASE)


def parse_whole_years(text: str) -> int:
    """Years as typed at the experience question: a whole number from 0 to
    MAX_EXPERIENCE_YEARS, optionally followed by "years" ("3", "3 years")."""
    value = text.strip()
    match = _WHOLE_YEARS.fullmatch(value)
    if match is None and re.fullmatch(r"[0-9]+", value):  # whole, but four digits or more
        shown = value if len(value) <= 30 else f"{value[:20]}... ({len(value):,} digits)"
        raise ExperienceError(f"{shown} is more than {MAX_EXPERIENCE_YEARS} years")
    if match is None:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0:
            raise ExperienceError(
                f"{value[:30]!r} is not a number of years; type whole years, e.g. 3"
            )
        raise ExperienceError(f"{value[:30]!r} is not a whole number of years; type e.g. 3")
    years = int(match.group("years"))
    if years > MAX_EXPERIENCE_YEARS:
        raise ExperienceError(f"{years} is more than {MAX_EXPERIENCE_YEARS} years")
    return years


def describe_experience(years: float | None) -> str:
    """Experience as results say it: "not given", "none", "1 year", "3.5 years"."""
    from scoring.wording import years as say_years

    return "not given" if years is None else say_years(years)
