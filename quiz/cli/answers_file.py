"""Reading an ``--answers`` file (YAML or JSON: question id -> answer) for scripted runs.

The whole file is checked before anything is saved, and every problem is reported at
once with the file, the line and the question id, as ``validate`` does for banks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questions import InputError, Item, Problem
from questions.textfiles import read_limited_text
from questions.yamlsource import Document, parse_yaml, read_yaml
from scoring.models import Answer

if TYPE_CHECKING:
    from questions.answers import AnswerError

# Python's int() refuses longer digit strings (sys.get_int_max_str_digits()).
_MAX_INT_DIGITS = 4000
_LONG_DIGITS = re.compile(f"[0-9]{{{_MAX_INT_DIGITS + 1},}}")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _json_int(text: str) -> int | str:
    """A JSON integer; one too long for int() stays text, so the answer check refuses it
    with the question id instead of the parser failing on the whole file."""
    return int(text) if len(text) <= _MAX_INT_DIGITS else text


def _read_json(path: Path) -> Document:
    """JSON data, with line marks borrowed from the YAML reader (JSON is nearly YAML)."""
    file = str(path)
    text = read_limited_text(path)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_json_int)
    except json.JSONDecodeError as error:
        raise InputError(
            [Problem(file, error.lineno, error.colno, f"JSON syntax: {error.msg}")]
        ) from None
    except (ValueError, RecursionError) as error:
        # A duplicate key: the YAML reader finds it too, and knows its line.
        parse_yaml(text, file)
        raise InputError([Problem(file, 1, 1, f"JSON: {error}")]) from None
    try:
        # Digits too long for the YAML reader's int() become one digit: the same lines,
        # so problems found later still point at the right line.
        marked = parse_yaml(_LONG_DIGITS.sub("0", text), file)
    except InputError:
        return Document(file, data)
    return Document(file, data, marked.marks, values=marked.values)


def read_answers_document(path: Path) -> Document:
    return _read_json(path) if path.suffix.lower() == ".json" else read_yaml(path)


def load_answers(path: Path, items: Mapping[str, Item]) -> dict[str, Answer]:
    """Every answer in the file, checked against its item; raise InputError listing all problems."""
    from questions.answers import AnswerError, check_answer

    document = read_answers_document(path)
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise InputError(
            [document.problem((), f"an answers file maps question ids to answers; got a {kind}")]
        )
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    for key, value in document.data.items():
        if not isinstance(key, str):
            problems.append(document.problem((key,), f"{key!r} is not a question id"))
        elif key not in items:
            problems.append(document.problem((key,), f"unknown question id {key!r}"))
        else:
            try:
                answers[key] = check_answer(items[key], value)
            except AnswerError as error:
                problems.append(_answer_problem(document, key, error))
    if problems:
        raise InputError(problems)
    return answers


def _answer_problem(document: Document, key: str, error: AnswerError) -> Problem:
    """A wrong answer, placed at the value that is wrong: the answer, or the element of a
    list or the prompt or answer of a match the error names; never at the question id."""
    at = tuple(part if isinstance(part, str | int) else str(part) for part in error.at)
    message = f"question {key}: {error}"
    if error.in_key:
        return document.problem((key, *at), message)
    return document.value_problem((key, *at), message)
