"""The learner's report (every length) and the cohort page pass axe-core's WCAG 2.1 A and AA
rules in headless Chromium, on a wide screen and on a 320 px phone.

axe-core comes from the npm registry: .ci/run installs it into .ci/node when it is missing
(``npm install --prefix .ci/node axe-core@4``); SKILLQUIZ_AXE may name another copy of
``axe.min.js``. Without it, or without Chromium, the tests skip and say why.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_browser import CHROMIUM, chromium, realistic_answers, report_html

from quiz.cli.main import cli

REPO = Path(__file__).resolve().parents[2]


def _axe_script() -> Path | None:
    """axe-core's script: SKILLQUIZ_AXE, else the copy .ci/run installs."""
    named = os.environ.get("SKILLQUIZ_AXE")
    for path in ([Path(named)] if named else []) + [
        REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
    ]:
        if path.is_file():
            return path
    return None


AXE = _axe_script()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.skipif(
        AXE is None,
        reason="axe-core is not installed: npm install --prefix .ci/node axe-core@4 "
        "(or set SKILLQUIZ_AXE to its axe.min.js)",
    ),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs axe on the page once it has loaded and hands the violations to the page holding it
# (a frame of a phone's width) or, on its own, to its title, where --dump-dom shows them.
RUN_AXE = """<script>
window.addEventListener("load", function () {
  axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
    .then(function (result) {
      return result.violations.map(function (rule) {
        return rule.id + ": " + rule.nodes.map(function (node) {
          return node.target.join(" ");
        }).join(" | ");
      });
    }, function (error) { return ["axe failed: " + error]; })
    .then(function (found) {
      var said = JSON.stringify(found);
      if (parent !== window) { parent.postMessage(said, "*"); } else { document.title = said; }
    });
});
</script>"""
FRAME = """<!DOCTYPE html><html><head><title>waiting</title></head><body style="margin: 0">
<iframe src="page.html" width="{width}" height="900" style="border: 0"></iframe><script>
window.addEventListener("message", function (event) {{ document.title = event.data; }});
</script></body></html>"""


def violations(page: str, folder: Path, width: int) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page laid out ``width`` CSS pixels wide."""
    assert AXE is not None
    folder.mkdir()
    script = f"<script>{AXE.read_text(encoding='utf-8')}</script>"
    run = RUN_AXE % json.dumps(WCAG_21_AA)
    (folder / "page.html").write_text(page.replace("</body>", script + run + "</body>"), "utf-8")
    (folder / "frame.html").write_text(FRAME.format(width=width), "utf-8")
    # Headless Chromium makes no window narrower than about 500 px: a phone is a frame.
    start = folder / ("page.html" if width >= 800 else "frame.html")
    dom = chromium(
        folder / "profile",
        f"--window-size={max(width, 800)},900",
        "--virtual-time-budget=60000",
        "--dump-dom",
        start.as_uri(),
    )
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title is not None and title.group(1).startswith("["), dom[:500]
    found: Any = json.loads(html.unescape(title.group(1)))
    assert isinstance(found, list)
    return [str(item) for item in found]


@pytest.mark.parametrize("length", ["quick", "standard", "full"])
def test_the_learners_report_passes_wcag_21_aa(
    length: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SKILLQUIZ_HOME", str(tmp_path))
    page = report_html(tmp_path, "--length", length, "--seed", "3", "--experience", "2")
    assert violations(page, tmp_path / "wide", 1000) == []
    assert violations(page, tmp_path / "phone", 320) == []


def test_the_cohort_page_passes_wcag_21_aa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLQUIZ_HOME", str(tmp_path))
    runner = CliRunner()
    for learner in range(3):
        answers = tmp_path / f"answers-{learner}.json"
        answers.write_text(json.dumps(realistic_answers(learner)), "utf-8")
        taken = runner.invoke(
            cli, ["take", "--answers", str(answers), "--name", f"L{learner}", "--seed", "1"]
        )
        assert taken.exit_code == 0, taken.output
    out = tmp_path / "class.html"
    made = runner.invoke(cli, ["cohort", "-o", str(out), "--names"])
    assert made.exit_code == 0, made.output
    page = out.read_text("utf-8")
    assert violations(page, tmp_path / "wide", 1000) == []
    assert violations(page, tmp_path / "phone", 320) == []
