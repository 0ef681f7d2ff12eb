"""Answers as data: checking and normalising what a person gave against the item asked.

Answers reach the product from several places (an answers file, storage, the plain mode
after mapping positions to texts), so one function decides what a valid answer is and turns
it into one canonical shape: texts spelled as the bank spells them, multi picks in the
bank's option order, numbers as numbers. Scoring and storage can then compare by equality.
"""

from __future__ import annotations

import math
import re
from typing import assert_never

from questions.models import (
    LIKERT_LABELS,
    ChoiceItem,
    Item,
    LikertItem,
    MatchItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from questions.numbers import NumberError, parse_number, too_large

# An answer as data, the same shape everywhere (answers file, storage, report):
# likert 1..5, choice option text, multi list of option texts, numeric number,
# order list of item texts in the order given, text the reply as typed (trimmed), match a
# mapping of every prompt to the answer picked for it, None for skipped.
Answer = int | float | str | list[str] | dict[str, str] | None

MAX_TEXT_REPLY = 1000  # characters in a short answer; far more than any answer needs

_DIGITS = re.compile(r"[0-9]+")


class AnswerError(ValueError):
    """An answer that does not fit its question; the message is a sentence for a person.

    ``at`` is where in the answer the fault lies (a position in a list, a match's prompt),
    and ``in_key`` whether it is that prompt itself rather than its answer: an answers file
    then points at the very text to change.
    """

    def __init__(self, message: str, at: tuple[object, ...] = (), *, in_key: bool = False):
        super().__init__(message)
        self.at = at
        self.in_key = in_key

    def inside(self, *at: object, in_key: bool = False) -> AnswerError:
        """The same error, placed ``at`` within the answer."""
        return AnswerError(str(self), (*at, *self.at), in_key=in_key)


def _key(text: str) -> str:
    """Texts match regardless of case and surrounding or repeated spaces."""
    return " ".join(text.split()).casefold()


def listed_steps(item: OrderItem) -> tuple[str, ...]:
    """An order item's steps as listed for authors of answers files: alphabetically, so the
    listing does not give the key away. A step's number in an answers file counts in this."""
    return tuple(sorted(item.items, key=str.casefold))


def listed_answers(item: MatchItem) -> tuple[str, ...]:
    """A match item's answers as listed for authors of answers files: alphabetically, so
    the listing gives nothing away. An answer's number in an answers file counts in this."""
    return tuple(sorted(item.choices, key=str.casefold))


def _same_number(text: str, number: float) -> bool:
    try:
        return parse_number(text) == number
    except NumberError:
        return False


def _by_number(texts: tuple[str, ...], given: int | float, what: str) -> str:
    """An unquoted YAML number: an option whose text is that number, else the option
    with that number as listed (1-based)."""
    named = next((text for text in texts if _same_number(text, given)), None)
    count = len(texts)
    numbered = texts[given - 1] if isinstance(given, int) and 1 <= given <= count else None
    if named is not None and numbered is not None and named != numbered:
        raise AnswerError(
            f"{given} could be {what} {given} ({_quoted(numbered)}) or the {what} "
            f"{_quoted(named)}; write that {what}'s text instead"
        )
    if named is not None:
        return named
    if numbered is not None:
        return numbered
    return _not_one_of(str(given), texts, what)


def _not_one_of(given: str, texts: tuple[str, ...], what: str) -> str:
    """Refuse a text that names no option, suggesting the nearest one when it is a typo."""
    import difflib  # only for a refused answer: not on the way of every start

    wanted = _key(given)
    ranked = sorted(
        ((difflib.SequenceMatcher(None, wanted, _key(text)).ratio(), text) for text in texts),
        reverse=True,
    )
    hint = ""
    # Only a clear nearest text is suggested: "Line Q" is as near "Line B" as "Line C".
    if ranked and ranked[0][0] >= 0.75 and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
        hint = f"; did you mean {_quoted(ranked[0][1], 100)}?"
    raise AnswerError(f"{_quoted(given)} is not one of the {what}s{hint}")


def _lookup(texts: tuple[str, ...], given: object, what: str) -> str:
    """One option (or step) given by its text, or by its number as listed (1-based)."""
    if given in texts:  # the common case: the bank's own spelling
        assert isinstance(given, str)
        return given
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return _by_number(texts, given, what)
    if not isinstance(given, str):
        raise AnswerError(f"expected {what} text or number, got {_shown(given)}")
    wanted = _key(given)
    for text in texts:
        if _key(text) == wanted:
            return text
    digits = given.strip()
    if _DIGITS.fullmatch(digits) and len(digits) <= 3 and 1 <= int(digits) <= len(texts):
        return texts[int(digits) - 1]
    return _not_one_of(given, texts, what)


def _quoted(text: str, limit: int = 40) -> str:
    """A text as quoted in a message, cut short so a pasted novel stays one line."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit // 2]!r}... ({len(text):,} characters)"


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return _quoted(value)
    return repr(value)


def _likert(value: object) -> int:
    if isinstance(value, str):
        for position, label in enumerate(LIKERT_LABELS, start=1):
            if _key(label) == _key(value):
                return position
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses, and
        # a few digits are plenty for 1..5 (int() refuses thousands of them).
        digits = value.strip()
        if _DIGITS.fullmatch(digits):
            if len(digits) > 3:
                raise AnswerError(
                    "a self-rating is a whole number from 1 to 5, "
                    f"got a {len(digits):,}-digit number"
                )
            value = int(digits)
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(f"a self-rating is a whole number from 1 to 5, got {_shown(value)}")
    if not 1 <= value <= len(LIKERT_LABELS):
        raise AnswerError(f"a self-rating is a whole number from 1 to 5, got {value}")
    return value


def _number(item: NumericItem, value: object) -> int | float:
    if isinstance(value, str):
        try:
            return parse_number(value, item.unit)
        except NumberError as error:
            raise AnswerError(str(error)) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AnswerError(f"expected a number, got {_shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise AnswerError(f"expected a finite number, got {value}")
    if isinstance(value, int) and too_large(value):
        raise AnswerError("a whole number of more than 300 digits is too large")
    return value


def _each(texts: tuple[str, ...], given: list[object], what: str) -> list[str]:
    """Each text given, looked up; a fault is placed at its position in the list."""
    found = []
    for position, text in enumerate(given):
        try:
            found.append(_lookup(texts, text, what))
        except AnswerError as error:
            raise error.inside(position) from None
    return found


def _texts(value: object, what: str) -> list[object]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise AnswerError(f"expected a list of {what} texts or numbers, got {_shown(value)}")
    return list(value)


def _multi(item: MultiItem, value: object) -> list[str]:
    texts = tuple(option.text for option in item.options)
    # One pick may be given alone, without a list around it.
    given = _texts(value if isinstance(value, (list, tuple, dict)) else [value], "option")
    if not given:
        raise AnswerError("pick at least one option, or skip the question")
    picked = _each(texts, given, "option")
    if len(set(picked)) != len(picked):
        raise AnswerError("each option can be picked only once")
    return [text for text in texts if text in picked]


def _order(item: OrderItem, value: object) -> list[str]:
    steps = listed_steps(item)
    given = _each(steps, _texts(value, "item"), "item")
    seen: set[str] = set()
    for position, text in enumerate(given):
        if text in seen:
            raise AnswerError(f"{_quoted(text)} appears more than once", (position,))
        seen.add(text)
    missing = [text for text in steps if text not in seen]
    if missing:
        listed = ", ".join(repr(text) for text in missing)
        raise AnswerError(f"every item must be placed; missing {listed}")
    return given


def _text_reply(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # a YAML answers file reads "42" as a number
    if not isinstance(value, str):
        raise AnswerError(f"expected the answer as text, got {_shown(value)}")
    reply = value.strip()
    if not reply:
        raise AnswerError("type an answer, or skip the question")
    if len(reply) > MAX_TEXT_REPLY:
        raise AnswerError(f"an answer is at most {MAX_TEXT_REPLY:,} characters, got {len(reply):,}")
    return reply


def _match(item: MatchItem, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise AnswerError(f"expected a mapping of each prompt to its answer, got {_shown(value)}")
    prompts = tuple(pair.prompt for pair in item.pairs)
    choices = listed_answers(item)
    given: dict[str, str] = {}
    for key, picked in value.items():
        try:
            prompt = _lookup(prompts, key, "prompt")
        except AnswerError as error:
            raise error.inside(key, in_key=True) from None
        if prompt in given:
            raise AnswerError(f"{_quoted(prompt)} is answered more than once", (key,), in_key=True)
        try:
            given[prompt] = _lookup(choices, picked, "answer")
        except AnswerError as error:
            raise error.inside(key) from None
    missing = [prompt for prompt in prompts if prompt not in given]
    if missing:
        listed = ", ".join(repr(text) for text in missing)
        raise AnswerError(f"every prompt needs an answer; missing {listed}")
    return {prompt: given[prompt] for prompt in prompts}


def check_answer(item: Item, value: object) -> Answer:
    """Validate an answer given as data and return it in canonical form.

    ``None`` (skipped) is always allowed. Raises AnswerError with a sentence fit to show
    a person, e.g. "'Line D' is not one of the options".
    """
    if value is None:
        return None
    match item:
        case LikertItem():
            return _likert(value)
        case ChoiceItem():
            return _lookup(tuple(option.text for option in item.options), value, "option")
        case MultiItem():
            return _multi(item, value)
        case NumericItem():
            return _number(item, value)
        case TextItem():
            return _text_reply(value)
        case MatchItem():
            return _match(item, value)
        case OrderItem():
            return _order(item, value)
        case _:
            assert_never(item)


def keyed_answer(item: Item) -> Answer:
    """The answer the bank keys as right, in the same shape; None for self-ratings."""
    match item:
        case LikertItem():
            return None
        case ChoiceItem():
            return next(option.text for option in item.options if option.credit == 1)
        case MultiItem():
            return [option.text for option in item.options if option.correct]
        case NumericItem():
            return item.answer
        case TextItem():
            return next(answer.text for answer in item.answers if answer.credit == 1)
        case MatchItem():
            return item.key
        case OrderItem():
            return list(item.items)
        case _:
            assert_never(item)
