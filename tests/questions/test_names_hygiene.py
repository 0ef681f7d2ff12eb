"""Names stay one line and no bank text hides or reorders itself: line breaks in names, bidi
controls and zero-width characters are refused at their line by validate, and cleaned by
gift import with a warning at their place. A line break in a skill's name used to pass
validate and then write questions of its own into gift export."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from questions import BankLoadError, parse_bank
from quiz.cli.main import cli

BANK = """\
schema: 1
skill:
  id: safety
  name: {name}
  description: {description}
questions:
  - id: s-choice
    type: choice
    text: {text}
    explanation: {explanation}
    tags: [{tag}]
    options:
      - {{text: {option}, credit: 1}}
      - {{text: Other, credit: 0}}
  - id: s-order
    type: order
    text: Put the steps in order.
    items: [{step}, Second, Third]
  - id: s-match
    type: match
    text: Match each sign.
    pairs:
      - {{prompt: {prompt}, answer: {answer}}}
      - {{prompt: Yellow, answer: Warning}}
    distractors: [{distractor}]
  - id: s-text
    type: text
    text: Which sheet lists a chemical's hazards?
    answers: [{{text: {typed}, credit: 1}}]
  - id: s-num
    type: numeric
    text: How many?
    answer: 4
    unit: {unit}
"""
FIELDS = {
    "name": "Safety",
    "description": "Working safely.",
    "text": "Which check comes first?",
    "explanation": "Guards protect people.",
    "tag": "guards",
    "option": "Guard check",
    "step": "First",
    "prompt": "Red",
    "answer": "Stop",
    "distractor": "Exit",
    "typed": "SDS",
    "unit": "units",
}
LINES = {
    name: number
    for number, line in enumerate(BANK.splitlines(), 1)
    for name in FIELDS
    if "{" + name + "}" in line
}


def bank(**changed: str) -> str:
    return BANK.format(**{**FIELDS, **changed})


def problems(text: str) -> list[str]:
    try:
        parse_bank(text, "safety.yaml")
    except BankLoadError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_the_bank_is_valid_as_written() -> None:
    assert problems(bank()) == []


BREAK = (
    "a line break at character 3; this text is one line (only a question's text, "
    "explanation and description may have more)"
)
CONTROL = (
    "a control character (\\x0d) at character 3; bank text holds printable characters and "
    "line breaks only"
)


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("name", "skill name"),
        ("tag", "question s-choice, tags #1"),
        ("option", "question s-choice, options #1, text"),
        ("step", "question s-order, items #1"),
        ("prompt", "question s-match, pairs #1, prompt"),
        ("answer", "question s-match, pairs #1, answer"),
        ("distractor", "question s-match, distractors #1"),
        ("typed", "question s-text, answers #1, text"),
        ("unit", "question s-num, unit"),
    ],
)
@pytest.mark.parametrize("spelled", ['"Ab\\nq{T}"', '"Ab\\u2028c"', '"Ab\\rc"'])
def test_a_line_break_in_a_name_is_refused_at_its_line(
    field: str, where: str, spelled: str
) -> None:
    found = problems(bank(**{field: spelled}))
    assert len(found) == 1
    line, message = found[0].removeprefix("safety.yaml:").split(":", 1)
    assert int(line) == LINES[field]
    if spelled == '"Ab\\rc"':  # a carriage return is a control character first
        assert message.split(": ", 1)[1] == f"{where}: {CONTROL}"
    else:
        assert message.split(": ", 1)[1] == f"{where}: {BREAK}"


@pytest.mark.parametrize("field", ["text", "explanation", "description"])
def test_text_meant_to_run_over_lines_keeps_its_line_breaks(field: str) -> None:
    assert problems(bank(**{field: '"First line\\nsecond line"'})) == []


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\\u202e", "bidi control"),
        ("\\u2066", "bidi control"),
        ("\\u200f", "bidi control"),
        ("\\u061c", "bidi control"),
        ("\\u200b", "zero-width"),
        ("\\u200d", "zero-width"),
        ("\\u2060", "zero-width"),
        ("\\ufeff", "zero-width"),
    ],
)
def test_bidi_and_zero_width_characters_are_refused_in_all_bank_text(
    field: str, char: str, kind: str
) -> None:
    found = problems(bank(**{field: f'"Ab{char}c"'}))
    assert len(found) == 1
    assert found[0].startswith(f"safety.yaml:{LINES[field]}:")
    code = char.removeprefix("\\u").upper()
    assert found[0].endswith(
        f": a {kind} character (U+{code}) at character 3; bank text holds no characters "
        "that reorder or hide the text around them"
    )


def test_an_exhibit_with_a_bidi_control_is_refused_at_its_line() -> None:
    text = bank().replace(
        "    explanation:", '    exhibit: "Part  Qty\\nM6\\u202e   40"\n    explanation:', 1
    )
    found = problems(text)
    assert found == [
        "safety.yaml:10:5: question s-choice: exhibit line 2: a bidi control or "
        "zero-width character; exhibits show what they hold"
    ]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["gift", *args])


def test_a_name_that_would_break_gift_export_is_refused_by_validate(tmp_path: Path) -> None:
    path = tmp_path / "safety.yaml"
    path.write_text(bank(name='"Safety\\n\\nInjected question{T}"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"{path}:4:3: skill name: {BREAK.replace('3', '7', 1)}"
    export = run("export", "--bank-dir", str(tmp_path))
    assert export.exit_code == 2
    assert "Injected question" not in export.output


def test_gift_import_removes_invisible_characters_and_says_where(tmp_path: Path) -> None:
    gift = tmp_path / "hidden.gift"
    gift.write_text(
        "::q1::Is\u200b this safe?{=Yes ~No}\n\n::q2::Order\u202e?{=x\u2066y ~z}\n",
        encoding="utf-8",
    )
    result = run("import", str(gift), "--skill", "hidden", "-o", str(tmp_path / "b.yaml"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{gift}:1:9: U+200B removed: a zero-width character, which hides in the text around it",
        f"{gift}:3:12: U+202E removed: a bidi control character, which reorders the text around it",
        f"Imported 2 questions into {tmp_path / 'b.yaml'}.",
    ]
    imported = parse_bank((tmp_path / "b.yaml").read_text(encoding="utf-8"), "b.yaml").bank
    assert [item.text for item in imported.questions] == ["Is this safe?", "Order?"]
    assert [option.text for option in imported.questions[1].options] == ["xy", "z"]  # type: ignore[union-attr]


def test_gift_import_joins_an_answer_written_over_lines(tmp_path: Path) -> None:
    gift = tmp_path / "lines.gift"
    gift.write_text(
        "::q1::Pick one{=Yes\\nreally ~No}\n\n"
        "::q2::[html]Pick one{=<p>A</p><p>B</p> ~C}\n\n"
        "::q3::Match{=Red -> Stop\\nnow =Blue -> Must}\n",
        encoding="utf-8",
    )
    out = tmp_path / "b.yaml"
    result = run("import", str(gift), "--skill", "lines", "-o", str(out))
    joined = "a line break in an answer, joined with a space: answers are one line"
    assert result.output.splitlines() == [
        f"{gift}:1:16: {joined}",
        f"{gift}:3:22: {joined}",
        f"{gift}:5:13: {joined}",
        f"Imported 3 questions into {out}.",
    ]
    imported = parse_bank(out.read_text(encoding="utf-8"), "b.yaml").bank
    first, second, third = imported.questions
    assert [option.text for option in first.options] == ["Yes really", "No"]  # type: ignore[union-attr]
    assert [option.text for option in second.options] == ["A B", "C"]  # type: ignore[union-attr]
    assert [pair.answer for pair in third.pairs] == ["Stop now", "Must"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Fork\nlift", "a line break at character 5; this text is one line"),
        ("Fork\u202elift", "a bidi control character (U+202E) at character 5"),
    ],
)
def test_gift_import_refuses_a_skill_name_a_bank_would_refuse(
    tmp_path: Path, name: str, message: str
) -> None:
    gift = tmp_path / "q.gift"
    gift.write_text("Safe?{T}\n", encoding="utf-8")
    result = run("import", str(gift), "--skill", "forklift", "--name", name)
    assert result.exit_code == 2
    assert f"Error: Invalid value for '--name': {message}" in result.output
    assert "Traceback" not in result.output
