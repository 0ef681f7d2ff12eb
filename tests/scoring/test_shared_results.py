"""Scoring many attempts in one run: a bank edited between attempts (the same question
ids, new wording, credits or key) must be scored and shown from the bank as it is now,
never from what an earlier attempt's answers gave."""

from __future__ import annotations

from questions import parse_bank
from scoring import AskedItem, assess, builtin_catalog
from scoring.models import Answer, ResponseResult

CATALOG = builtin_catalog()

BANK = """
schema: 1
skill: {id: critical_thinking, name: Critical thinking}
questions:
  - {id: ct-self-01, type: likert, text: I look for the root cause of a fault.}
  - id: ct-scn-01
    type: choice
    text: An application lags. What first?
    level: 3.0
    options:
      - {text: Check recent code changes and system load, credit: 1}
      - {text: Restart the server, credit: 0.5}
      - {text: Buy a faster server, credit: 0}
  - id: ct-scn-02
    type: choice
    text: A report's totals disagree. What first?
    level: 3.0
    options:
      - {text: Recount the rows, credit: 1}
      - {text: Reprint the report, credit: 0}
      - {text: Ask for a new report, credit: 0}
  - id: ct-txt-01
    type: text
    text: The tool that shows a process's load?
    level: 3.0
    answers:
      - {text: top, credit: 1}
"""

EDITED = (
    BANK.replace("I look for the root cause of a fault.}", "I look for the cause.}")
    .replace("{id: ct-self-01, type: likert,", "{id: ct-self-01, type: likert, reverse: true,")
    .replace("Restart the server, credit: 0.5", "Restart the server, credit: 1")
    .replace("Check recent code changes and system load, credit: 1", "Check the logs, credit: 0")
    .replace("{text: top, credit: 1}", "{text: htop, credit: 1}")
    .replace("A report's totals disagree.", "Two totals disagree.")
    .replace("Recount the rows, credit: 1", "Recount the rows, credit: 0")
    .replace("Ask for a new report, credit: 0", "Ask for a new report, credit: 1")
)

KEYED = "Check recent code changes and system load"
ANSWERS: dict[str, Answer] = {
    "ct-self-01": 4,
    "ct-scn-01": "Restart the server",
    "ct-scn-02": "Reprint the report",
    "ct-txt-01": "top",
}


def responses(bank: str) -> list[tuple[str, Answer, Answer, float | None]]:
    loaded = parse_bank(bank).bank
    asked = [AskedItem(loaded.skill, item) for item in loaded.questions]
    shown: list[ResponseResult] = assess(asked, ANSWERS, CATALOG).responses
    return [(r.text, r.answer, r.keyed, r.credit) for r in shown]


def test_the_same_answers_to_an_edited_bank_are_scored_from_the_bank_as_it_is_now() -> None:
    before = [
        ("I look for the root cause of a fault.", 4, None, 0.75),
        ("An application lags. What first?", "Restart the server", KEYED, 0.5),
        ("A report's totals disagree. What first?", "Reprint the report", "Recount the rows", 0.0),
        ("The tool that shows a process's load?", "top", "top", 1.0),
    ]
    after = [
        ("I look for the cause.", 4, None, 0.25),
        ("An application lags. What first?", "Restart the server", "Restart the server", 1.0),
        ("Two totals disagree. What first?", "Reprint the report", "Ask for a new report", 0.0),
        ("The tool that shows a process's load?", "top", "htop", 0.0),
    ]
    assert responses(BANK) == before
    assert responses(EDITED) == after
    assert responses(BANK) == before
