"""How long a person waits, in a real terminal, from the key that submits an answer to the
next question on screen.

Drives the installed ``skillquiz take`` (arrow-key prompts, the built-in banks) in a
pseudo-terminal through pexpect. Its output goes through a terminal emulator (pyte), which
answers prompt_toolkit's cursor-position requests (ESC[6n) with the cursor's real position,
as a terminal does. For each question but the last, the keys that pick the answer are sent
first and the output left to settle; then Enter, and the clock runs from writing Enter to
the pty until the emulated screen shows the next question's heading and the start of its
text.

The figure therefore includes: the key's trip through the pty, prompt_toolkit handling it
and closing the prompt, the answered question's echo, checking and saving the answer (one
SQLite commit), building and drawing the next prompt, and the cursor-position round trip.
It leaves out the person's own reaction time and the terminal's drawing of pixels.

    python bench/answer_latency.py [--length standard] [--runs 1] [--skillquiz PATH]

Needs pexpect and pyte (pip install pyte). Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte

from questions import load_banks
from quiz.attempts.draw import draw
from quiz.attempts.snapshot import AskedQuestion

ROWS, COLUMNS = 40, 120
DOWN = "\x1b[B"
SEED = 3
SETTLE = 0.05  # seconds of quiet output after the keys that pick an answer, before Enter
TIMEOUT = 30.0


class _Terminal(pyte.Screen):
    """A screen that answers the program's requests (cursor position) on its pty."""

    def __init__(self, child: pexpect.spawn) -> None:
        super().__init__(COLUMNS, ROWS)
        self.child = child

    def write_process_input(self, data: str) -> None:
        self.child.send(data)


class Driver:
    """The child, its emulated screen, and reading its output into the screen."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = _Terminal(child)
        self.stream = pyte.Stream(self.screen)

    def pump(self, timeout: float) -> bool:
        """Feed what the child wrote within ``timeout`` s to the screen; False on silence."""
        ready, _, _ = select.select([self.child.child_fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.child.child_fd, 65536)
        except OSError:  # the child closed its terminal
            raise SystemExit("skillquiz ended before the quiz did") from None
        if not data:
            raise SystemExit("skillquiz ended before the quiz did")
        self.stream.feed(data.decode("utf-8", "replace"))
        return True

    def shows(self, *texts: str) -> bool:
        display = "\n".join(self.screen.display)
        return all(text in display for text in texts)

    def wait_for(self, *texts: str) -> None:
        deadline = time.perf_counter() + TIMEOUT
        while not self.shows(*texts):
            if time.perf_counter() > deadline:
                raise SystemExit(f"timed out waiting for {texts!r}")
            self.pump(0.5)

    def settle(self) -> None:
        """Read until the output has been quiet for SETTLE seconds."""
        while self.pump(SETTLE):
            pass


def _keys(asked: AskedQuestion) -> str:
    """The keys that pick an answer, Enter left out."""
    item, shown = asked.item, asked.shown
    if item.type in ("likert", "choice"):
        return DOWN
    if item.type == "multi":
        return " " + DOWN * 2 + " "
    if item.type == "numeric":
        return "4.5"
    if item.type == "order":
        return " ".join(str(n) for n in range(len(shown), 0, -1))
    if item.type == "text":
        return "an answer"
    return ""  # match: Enter on each prompt's first answer


def _marks(asked: AskedQuestion, number: int, total: int) -> tuple[str, str]:
    """What shows the question is on screen: its heading and the start of its text."""
    return f"question {number} of {total}", " ".join(asked.item.text.split()[:3])


def run_once(script: str, length: str, home: Path) -> list[float]:
    banks = load_banks()
    skills = [skill.id for skill in banks.skills]
    questions = draw(banks, skills, length, SEED).questions
    total = len(questions)
    env = {**os.environ, "SKILLQUIZ_HOME": str(home), "TERM": "xterm"}
    for name in ("PROMPT_TOOLKIT_NO_CPR", "NO_COLOR", "COLUMNS", "LINES"):
        env.pop(name, None)
    picks = [arg for skill in skills for arg in ("--skill", skill)]
    args = ["take", "--length", length, "--seed", str(SEED), "--name", "Bench", *picks]
    child = pexpect.spawn(script, [*args, "--experience", "0"], env=env, dimensions=(ROWS, COLUMNS))
    child.delaybeforesend = None  # pexpect sleeps 50 ms before every write unless told not to
    driver = Driver(child)
    waits: list[float] = []
    for number, asked in enumerate(questions, start=1):
        driver.wait_for(*_marks(asked, number, total))
        driver.settle()
        steps = len(asked.item.pairs) if asked.item.type == "match" else 1
        for step in range(steps):
            keys = _keys(asked)
            if keys:
                child.send(keys)
                driver.settle()
            if step < steps - 1:
                child.send("\r")
                driver.settle()
        start = time.perf_counter()
        child.send("\r")
        if number == total:
            break
        following = questions[number]
        marks = _marks(following, number + 1, total)
        while not driver.shows(*marks):
            if time.perf_counter() - start > TIMEOUT:
                raise SystemExit(f"timed out waiting for question {number + 1}")
            driver.pump(0.5)
        waits.append((time.perf_counter() - start) * 1000)
    if child.expect(["Review the questions you missed", pexpect.EOF], timeout=120) == 0:
        child.send("n")
        child.expect(pexpect.EOF, timeout=120)
    child.close()
    return waits


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--length", default="standard", choices=["quick", "standard", "full"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skillquiz", default=str(Path(sys.executable).with_name("skillquiz")))
    args = parser.parse_args()
    load_before = os.getloadavg()
    waits: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="skillquiz-pty-") as home:
            waits.extend(run_once(args.skillquiz, args.length, Path(home)))
    load_after = os.getloadavg()
    print(f"{args.skillquiz} take --length {args.length}: {len(waits)} answers, {args.runs} runs")
    print(
        f"  Enter -> next question on screen: p50 {statistics.median(waits):.1f} ms, "
        f"p95 {percentile(waits, 0.95):.1f} ms, max {max(waits):.1f} ms (target p95 < 50 ms)"
    )
    loads = ", ".join(f"{a:.1f}->{b:.1f}" for a, b in zip(load_before, load_after, strict=True))
    print(f"  load average (1, 5, 15 min): {loads}; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
