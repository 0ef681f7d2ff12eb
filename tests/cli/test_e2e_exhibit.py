"""A question with a long exhibit on a 100x30 terminal, in tmux: the question and every
option stay in view, and the exhibit is paged (PgDn, PgUp) rather than cut."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_e2e_resize import SCRIPT, TMUX, Pane, shown_whole

from quiz.cli.exhibit_view import ExhibitPager

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

QUESTION = (
    "The inspection report for cover plate 4417 is set beside its drawing. Which lines must "
    "be queried because the report does not agree with the drawing? Pick all that apply."
)
ROWS = [f"{n:<5} Feature {n:<2}      {n}.0 mm       {n}.0 mm" for n in range(1, 15)]
EXHIBIT = ["Cover plate 4417: drawing against report", "Line  Feature   Drawing  Report", *ROWS]
OPTIONS = "".join(
    f"      - {{text: Line {n}, correct: {'true' if n in (4, 9) else 'false'}}}\n"
    for n in range(1, 10)
)
BANK = (
    "schema: 1\n"
    "skill: {id: plates, name: Plates}\n"
    "questions:\n"
    "  - id: pl-multi-01\n"
    "    type: multi\n"
    f"    text: {QUESTION}\n"
    "    exhibit: |\n" + "".join(f"      {line}\n" for line in EXHIBIT) + "    options:\n" + OPTIONS
)


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Pane]:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the package (pip install -e .[test])"
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "plates.yaml").write_text(BANK, encoding="utf-8")
    env = f"SKILLQUIZ_HOME={tmp_path / 'home'} TERM=xterm-256color"
    command = (
        f"env -u COLUMNS -u LINES {env} {SCRIPT} take --bank-dir {banks} --skill plates --name Ada "
        "--experience 2 --length full; sleep 60"
    )
    tmux = Pane(f"skillquiz-test-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    tmux.tmux(
        "-f", "/dev/null", "new-session", "-d", "-s", "quiz", "-x", "100", "-y", "30", command
    )
    try:
        yield tmux
    finally:
        tmux.tmux("kill-server")


def test_a_long_exhibit_is_paged_with_the_question_and_options_in_view(pane: Pane) -> None:
    lines = pane.wait_for("Skip this question")
    assert len(lines) <= 30
    assert any(line.endswith("Plates - question 1 of 1") for line in lines)
    assert shown_whole(QUESTION, lines)
    assert "  (Space to tick every option that applies, Enter to submit)" in lines
    assert all(any(line.endswith(f"○ Line {n}") for line in lines) for n in range(1, 10))
    status = next(line for line in lines if "Exhibit, lines 1-" in line)
    assert status.endswith(f" of {len(EXHIBIT)} (PgDn and PgUp scroll it):")
    assert f"  {EXHIBIT[0]}" in lines
    assert f"  {EXHIBIT[-1]}" not in lines
    pane.tmux("send-keys", "-t", "quiz", "PgDn")
    lines = pane.wait_for(f"  {EXHIBIT[-1]}")
    assert shown_whole(QUESTION, lines)  # still in view, as is every option
    assert all(any(line.endswith(f"○ Line {n}") for line in lines) for n in range(1, 10))
    assert any(f"of {len(EXHIBIT)} (PgDn and PgUp scroll it):" in line for line in lines)


def test_an_exhibit_that_fits_is_shown_whole() -> None:
    pager = ExhibitPager("Line  Part\n1     Bolt", indent=2)
    assert pager.block(10) == ["", "  Line  Part", "  1     Bolt", ""]
    long = ExhibitPager("\n".join(EXHIBIT), indent=2)
    page = long.block(10)
    assert page[:3] == [
        "",
        "  Exhibit, lines 1-7 of 16 (PgDn and PgUp scroll it):",
        f"  {EXHIBIT[0]}",
    ]
    long.scroll(5)
    assert long.block(10)[1] == "  Exhibit, lines 10-16 of 16 (PgDn and PgUp scroll it):"
