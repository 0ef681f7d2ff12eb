"""The profile question asked before the first skill: years of hands-on experience.

Role advice needs it (a role that asks for years of quality work is not open to someone
starting out), and the quiz cannot measure it, so it is asked, skippably, once per
attempt. The interactive prompt and plain mode offer the same bands; ``--experience``
takes the number itself.
"""

from __future__ import annotations

import math

EXPERIENCE_QUESTION = "Years of hands-on experience in production, manufacturing or quality work?"

# (label, years stored): each band is stored as the years it surely includes (its lower
# end), so a role's minimum is never taken as met on a guess; "under 1" is stored as half
# a year to keep it apart from none, and is below every minimum of a year or more.
EXPERIENCE_BANDS: tuple[tuple[str, float], ...] = (
    ("None", 0.0),
    ("Under 1 year", 0.5),
    ("1-2 years", 1.0),
    ("3-5 years", 3.0),
    ("More than 5 years", 5.0),
)

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


def describe_experience(years: float | None) -> str:
    """Experience as results say it: "not given", "none", "1 year", "3.5 years"."""
    from scoring.wording import years as say_years

    return "not given" if years is None else say_years(years)
