"""The Markdown report shows every name and bank text as written once rendered: no link,
image, emphasis, code, strike-through or HTML that the text did not mean as such."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt
from report_fixtures import full_report

from questions.record import replace
from quiz.report.markdown import escape, render_markdown

HOSTILE = (
    "![p](https://t.example/p.png) [l](https://t.example) [r][1] **b** *i* `c` _e_ ~~s~~ "
    "<img src=x> https://bare.example www.bare.example \\*"
)


def rendered(markdown: str) -> str:
    """HTML as a code host would show it (CommonMark, GitHub's tables and strike-through)."""
    return str(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))


def test_every_interpolated_string_renders_as_the_text_written() -> None:
    report = full_report(name=HOSTILE)
    first = replace(report.responses[0], text=HOSTILE, explanation=HOSTILE)
    report = replace(
        report,
        responses=[first, *report.responses[1:]],
        skills=[
            replace(report.skills[0], name=HOSTILE),
            *report.skills[1:],
        ],
        warnings=[HOSTILE],
        next_steps=[HOSTILE],
    )
    page = rendered(render_markdown(report))
    for made in ("<img", "<a ", "<code>c</code>", "<strong>b</strong>", "<em>i</em>",
                 "<em>e</em>", "<s>s</s>", "<del>"):  # fmt: skip
        assert made not in page, made
    shown = html.escape(HOSTILE, quote=False)
    assert f"<h1>Your skills profile, {shown}</h1>" in page
    assert f"<li>{shown}</li>" in page  # a warning
    assert f'<td style="text-align:left">{shown}</td>' in page  # a skill name in a table
    assert f"<strong>1. {shown}</strong>" in page  # a question in the review
    assert f"<li>Why: {shown}</li>" in page


def test_bare_web_addresses_are_not_linked() -> None:
    assert escape("see https://t.example and www.t.example") == (
        "see https\\://t.example and www\\.t.example"
    )


def test_plain_brackets_and_words_stay_readable() -> None:
    assert escape("Welding [advanced] snake_case R&D 3*4") == (
        "Welding [advanced] snake_case R&D 3\\*4"
    )
