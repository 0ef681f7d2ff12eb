"""gift import on large and hostile input: work that grows with the text, not its square;
banks that stay within what a bank file may hold; numbers cut in messages.

Speed itself is measured in bench/gift.py; these tests count the work instead.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from questions import parse_bank
from quiz.cli.main import cli
from quiz.gift import import_texts
from quiz.gift.reader import read_gift_bytes

# Markdown's marks as plain ``re.sub`` rules take them out: what the reader must keep doing.
REFERENCE = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(\S(?:.*?\S)?)\1(?![\w*])"), r"\2"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile("(^|\ue00a)#{1,6}\\s+"), r"\1"),
)


def by_reference(text: str) -> str:
    for pattern, replacement in REFERENCE:
        text = pattern.sub(replacement, text)
    return text


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*"*_[]()!`#a1é \t\n\ue00a\xa0", "**", "__"]), max_size=30).map(
        "".join
    )
)
def test_markdown_marks_come_out_as_re_sub_takes_them_out(text: str) -> None:
    from quiz.gift import markdown

    assert markdown.from_markdown(text) == by_reference(text)


class Counted:
    """A pattern that counts the characters its match attempts may read: a match, up to
    where it ends; an attempt that fails, to the end of the text (a backtracking engine
    may read that far before it gives up, as emphasis does looking for its closing mark)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        found = self.pattern.match(text, pos)
        self.read += (found.end() if found else len(text)) - pos
        return found

    def sub(self, replacement: str, text: str) -> str:
        """re.sub's own way: an attempt at every place until one matches."""
        position = 0
        while position < len(text):
            found = self.match(text, position)
            position = found.end() if found and found.end() > position else position + 1
        return self.pattern.sub(replacement, text)


def hostile(n: int) -> Iterator[str]:
    """Marks that never close (each would send a plain re.sub to the end of the line), and
    marks that all close."""
    yield "*a " * n
    yield "_a " * n
    yield "**a " * n
    yield "__a " * n
    yield "[a" * n
    yield "[a](" * n
    yield "![a](b" * n
    yield "*a* **b** `c` [d](e) " * n
    yield "\ue00a# a" * n


@pytest.mark.parametrize("shape", range(9))
def test_each_markdown_rule_reads_the_text_about_once(
    shape: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.gift import markdown

    counted = [Counted(rule.pattern) for rule in markdown.RULES]
    rules = [
        dataclasses.replace(rule, pattern=count)  # type: ignore[arg-type]  # counts, else the same
        for rule, count in zip(markdown.RULES, counted, strict=True)
    ]
    monkeypatch.setattr(markdown, "RULES", tuple(rules))
    text = list(hostile(5_000))[shape]
    gift = f"[markdown]{text}{{=yes ~no}}".encode()
    assert len(read_gift_bytes(gift).questions) == 1
    for count in counted:
        assert count.read <= len(text)


def test_the_count_tells_plain_re_sub_apart() -> None:
    """The measure above is not lenient: re.sub's way reads the same text quadratically."""
    emphasis = Counted(REFERENCE[2][0])
    text = "*a " * 2_000
    emphasis.sub(r"\2", text)
    assert emphasis.read > 500 * len(text)


def test_unclosed_tags_comments_and_sections_stay_text_and_cost_no_search() -> None:
    """What HTMLParser would search to the end of the text for is written &lt; first."""
    from quiz.gift.htmltext import unclosed_as_text

    cases = {
        "a <b c": "a &lt;b c",
        "<i>x</i> <a <a": "<i>x</i> &lt;a &lt;a",
        "<!-- x > <!-- y -->": "<!-- x > <!-- y -->",
        "<!-- x > y": "&lt;!-- x > y",
        "<![CDATA[ x ]]> <![cdata[ y ]>": "<![CDATA[ x ]]> &lt;![cdata[ y ]>",
        "<![if x]> y <![endif]>": "<![if x]> y <![endif]>",
        "<![foo[ x ]]>": "&lt;![foo[ x ]]>",
        "1 < 2 > 0": "1 < 2 > 0",
    }
    assert {text: unclosed_as_text(text) for text in cases} == cases


@pytest.mark.parametrize(
    ("gift", "text"),
    [
        ("[html]Is <a <b c> safe<a <b{=yes ~no}", "Is safe<a <b"),
        ("[html]Is <![foo[ this ]]> safe?{=yes ~no}", "Is <![foo[ this ]]> safe?"),
        ("[html]Is <!-- a > safe?{=yes ~no}", "Is <!-- a > safe?"),
    ],
)
def test_html_that_never_closes_is_read_as_text(gift: str, text: str) -> None:
    read = read_gift_bytes(gift.encode())
    assert read.problems == []
    assert [question.text for question in read.questions] == [text]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["gift", *args])


def test_a_5000_digit_number_is_cut_in_its_message(tmp_path: Path) -> None:
    gift = tmp_path / "numbers.gift"
    gift.write_text(f"::n::How many?{{#{'9' * 5000}}}\n", encoding="utf-8")
    result = run("import", str(gift), "--skill", "numbers")
    assert result.exit_code == 2
    assert result.output == (
        f"{gift}:1:17: '99999999999999999999'... (5,000 characters) is not a number, "
        "a number:tolerance or a min..max range; question skipped\n"
        "Nothing could be imported.\n"
    )


def test_a_weight_of_a_thousand_dashes_is_cut_in_its_message() -> None:
    read = read_gift_bytes(f"q{{~%{'-' * 1000}-1% a =b}}".encode())
    assert [problem.message for problem in read.problems] == [
        "'%-------------------'... (1,004 characters) is not a weight in percent; question skipped"
    ]


def many_questions(count: int) -> bytes:
    return "".join(f"::q{n}::Is line {n} safe?{{T}}\n\n" for n in range(count)).encode()


def test_a_bank_past_the_size_a_bank_file_may_hold_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The written bank must load: past the loader's limit nothing is written, and the
    message names the first question that does not fit."""
    monkeypatch.setattr("questions.yamlsource.MAX_FILE_BYTES", 4 * 1024 * 1024)
    gift = tmp_path / "many.gift"
    gift.write_bytes(many_questions(40_000))
    out = tmp_path / "many.yaml"
    result = run("import", str(gift), "--skill", "many", "-o", str(out))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(
        rf"{re.escape(str(gift))}:(\d+):1: the bank reaches 4 MB, the most a bank file may "
        r"hold, at this question \(the ([\d,]+) before it fit\); import the questions from "
        r"here on into another bank",
        lines[0],
    )
    assert lines[1] == "Nothing was written: the bank would be too large to load."
    assert not out.exists()


def test_a_bank_just_within_the_limit_is_written_and_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("questions.yamlsource.MAX_FILE_BYTES", 200_000)
    fits = import_texts([("many.gift", many_questions(1_000))], "many")
    assert fits.bank_text is not None
    assert len(fits.bank_text.encode()) <= 200_000
    assert len(parse_bank(fits.bank_text, "many.yaml").bank.questions) == 1_000
    over = import_texts([("many.gift", many_questions(2_000))], "many")
    assert over.bank_text is None
    assert over.refused == "Nothing was written: the bank would be too large to load."
