"""A short answer is typed by a person and kept as typed; the documents made from it (HTML,
Markdown) spell out its control characters, so an ESC, BEL or NUL never reaches a file a
browser, an editor or a terminal later opens."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli

BANK = """\
schema: 1
skill:
  id: typing
  name: Typing
  description: Short answers.
questions:
  - id: t-txt-01
    type: text
    text: What does SDS stand for?
    answers: [{text: SDS, credit: 1}, {text: safety data sheet, credit: 1}]
  - id: t-txt-02
    type: text
    text: Name the sheet.
    answers: [{text: SDS, credit: 1}]
"""
TYPED = {"t-txt-01": "SDS\x1b[2J\x07x\x9b1m", "t-txt-02": "a\x00b\x7f"}
SHOWN = ("SDS\\x1b[2J\\x07x\\x9b1m", "a\\x00b\\x7f")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture
def typed_attempt(tmp_path: Path) -> None:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "typing.yaml").write_text(BANK, encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TYPED), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["take", "--bank-dir", str(banks), "--answers", str(answers), "--name", "Eve"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("typed_attempt")
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_typed_answer_reaches_the_document_spelled_out(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(cli, ["report", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert RAW_CONTROL.findall(text) == []
    lines = text.splitlines()
    for shown in SHOWN:
        if fmt == "html":
            assert f'        <td data-label="Your answer">{shown}</td>' in lines
        else:
            assert f"- Your answer: {shown}" in lines
