"""The HTML report in a real browser: headless Chromium lays it out at phone widths and
prints it, so overflow and page count are measured, not guessed from the CSS.

Skipped where no Chromium is installed (Debian: ``apt-get install chromium``); the page
count also needs ``pdfinfo`` (poppler-utils).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from questions import load_banks
from questions.answers import keyed_answer
from questions.models import (
    ChoiceItem,
    LikertItem,
    MultiItem,
    NumericItem,
    OrderItem,
    TextItem,
)
from quiz.cli.main import cli

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
PDFINFO = shutil.which("pdfinfo")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
]

MAX_PRINTED_PAGES = 12

# Headless Chromium will not make a window narrower than about 500 px, so the report is
# laid out inside an iframe of the phone's width, and reports its own measurements.
PROBE = """<script>
window.addEventListener("load", function () {
  var width = window.innerWidth, wide = [];
  document.querySelectorAll("body *").forEach(function (element) {
    var box = element.getBoundingClientRect();
    if (box.right > width + 0.5 && wide.length < 5) {
      wide.push(element.tagName.toLowerCase() + "." + element.className);
    }
  });
  parent.postMessage(JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide
  }), "*");
});
</script>"""
FRAME = """<!DOCTYPE html><html><head><style>body {{ margin: 0 }} iframe {{ border: 0 }}</style>
</head><body><iframe src="report.html" width="{width}" height="900"></iframe><script>
window.addEventListener("message", function (event) {{ document.title = event.data; }});
</script></body></html>"""


def chromium(profile: Path, *args: str) -> str:
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    return done.stdout


def measure(html: str, width: int, folder: Path) -> dict[str, Any]:
    """The report's layout in a viewport ``width`` CSS pixels wide."""
    folder.mkdir()
    (folder / "report.html").write_text(html.replace("</body>", PROBE + "</body>"), "utf-8")
    (folder / "frame.html").write_text(FRAME.format(width=width), "utf-8")
    dom = chromium(
        folder / "profile",
        "--window-size=800,900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        (folder / "frame.html").as_uri(),
    )
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title is not None, f"the report did not report its layout:\n{dom[:500]}"
    measured = json.loads(title.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert isinstance(measured, dict)
    assert measured["innerWidth"] == width
    return measured


def printed_pages(html: str, folder: Path) -> int:
    """Pages when printed on A4 (the report leaves the paper size to the printer)."""
    folder.mkdir()
    page = folder / "report.html"
    page.write_text(html.replace("</style>", "@page { size: A4; }\n</style>", 1), "utf-8")
    pdf = folder / "report.pdf"
    chromium(folder / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert PDFINFO is not None
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True)
    pages = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert pages is not None and "(A4)" in info.stdout, info.stdout
    return int(pages.group(1))


def realistic_answers(seed: int) -> dict[str, object]:
    """Every built-in question answered as a learner might: about half keyed right, the rest
    a plausible wrong answer (so the review prints the why of about half the questions)."""
    chooser = random.Random(seed)
    answers: dict[str, object] = {}
    for item_id, item in load_banks(None).items.items():
        if item.type == "likert":
            answers[item_id] = chooser.randint(1, 5)
        elif chooser.random() < 0.55:
            answers[item_id] = keyed_answer(item)
        elif item.type in ("choice", "multi"):
            texts = [option.text for option in item.options]
            answers[item_id] = chooser.choice(texts) if item.type == "choice" else texts[:1]
        elif item.type == "numeric":
            answers[item_id] = item.answer * 2 + 1
        elif item.type == "order":
            answers[item_id] = list(reversed(item.items))
        else:
            answers[item_id] = None
    return answers


def wrong_answers() -> dict[str, object]:
    """Every built-in question answered wrong, so the review prints every question's why
    (and exhibit): the longest review a full attempt can print."""
    answers: dict[str, object] = {}
    for item_id, item in load_banks(None).items.items():
        if isinstance(item, LikertItem):
            answers[item_id] = 3
        elif isinstance(item, ChoiceItem):
            answers[item_id] = min(item.options, key=lambda option: option.credit).text
        elif isinstance(item, MultiItem):
            answers[item_id] = [next(option.text for option in item.options if not option.correct)]
        elif isinstance(item, NumericItem):
            answers[item_id] = item.answer * 2 + item.tolerance + 1
        elif isinstance(item, OrderItem):
            answers[item_id] = [*item.items[1:], item.items[0]]
        elif isinstance(item, TextItem):
            answers[item_id] = "no idea"
        else:
            answers[item_id] = {
                prompt: next(choice for choice in item.choices if choice != right)
                for prompt, right in item.key.items()
            }
    return answers


def report_html(tmp_path: Path, *args: str, answered: dict[str, object] | None = None) -> str:
    runner = CliRunner()
    answers = tmp_path / "answers.json"
    answered = realistic_answers(12) if answered is None else answered
    answers.write_text(json.dumps(answered), "utf-8")
    taken = runner.invoke(cli, ["take", "--answers", str(answers), "--name", "Ada", *args])
    assert taken.exit_code == 0, taken.output
    out = tmp_path / "report.html"
    made = runner.invoke(cli, ["report", "-o", str(out), "--force"])
    assert made.exit_code == 0, made.output
    return out.read_text("utf-8")


@pytest.fixture(scope="module")
def full_attempt(tmp_path_factory: pytest.TempPathFactory) -> str:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SKILLQUIZ_HOME", str(home))
        return report_html(home, "--length", "full", "--seed", "3")


@pytest.fixture(scope="module")
def all_wrong_attempt(tmp_path_factory: pytest.TempPathFactory) -> str:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SKILLQUIZ_HOME", str(home))
        return report_html(home, "--length", "full", "--seed", "3", answered=wrong_answers())


@pytest.mark.parametrize("width", [320, 420])
def test_nothing_is_wider_than_a_phone(full_attempt: str, tmp_path: Path, width: int) -> None:
    measured = measure(full_attempt, width, tmp_path / "page")
    assert measured["scrollWidth"] <= width, measured
    assert measured["wide"] == [], measured


def test_a_two_skill_report_fits_a_phone_with_its_bars(tmp_path: Path) -> None:
    html = report_html(tmp_path, "--skill", "data_analysis", "--skill", "research")
    assert 'class="levels"' in html
    measured = measure(html, 320, tmp_path / "page")
    assert measured["scrollWidth"] <= 320, measured


@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
def test_a_full_attempt_prints_in_at_most_twelve_pages(full_attempt: str, tmp_path: Path) -> None:
    assert printed_pages(full_attempt, tmp_path / "print") <= MAX_PRINTED_PAGES


@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
def test_a_full_attempt_with_every_answer_wrong_prints_in_at_most_twelve_pages(
    all_wrong_attempt: str, tmp_path: Path
) -> None:
    # No answer earned full credit, so every why and every exhibit is printed.
    assert re.findall(r'class="[^"]*full-credit', all_wrong_attempt) == []
    assert printed_pages(all_wrong_attempt, tmp_path / "print") <= MAX_PRINTED_PAGES
