"""How long a person waits, in a real terminal, from the key that submits an answer to the
next question on screen.

Drives the installed ``skillquiz take`` (arrow-key prompts, the built-in banks) in a
pseudo-terminal through pexpect. Its output goes through a terminal emulator (pyte), which
answers prompt_toolkit's cursor-position requests (ESC[6n) with the cursor's real position,
as a terminal does. For each question but the last, the keys that pick the answer are sent
first and the output left to settle; then Enter, and the clock runs from writing Enter to
the pty until the emulated screen shows the next question's heading and the start of its
text. The question on screen is read from the screen (its heading, then its text found in
the banks), so an adaptive quiz, whose next question depends on the answers, is driven the
same way as a fixed one.

The figure therefore includes: the key's trip through the pty, prompt_toolkit handling it
and closing the prompt, the answered question's echo, checking and saving the answer (one
SQLite commit), choosing the next question (adaptive), building and drawing the next
prompt, and the cursor-position round trip. It leaves out the person's own reaction time
and the terminal's drawing of pixels; the bench's own reading of the emulated screen
is kept small (only rows that changed are read again), since it runs inside the wait on
the same cores. Beside it, the CPU time skillquiz itself spent in
each wait (Linux: from /proc), which a machine busy with other work changes far less.

    python bench/answer_latency.py [--length standard|adaptive|...] [--runs 1]
    python bench/answer_latency.py --compare [--runs 3]   # standard and adaptive in turn
    python bench/answer_latency.py --against OTHER/.venv/bin/skillquiz   # two checkouts

``--length adaptive`` on a fresh home has no calibrated parameter set: the uncalibrated
mode, which asks the most questions. ``--compare`` takes standard and adaptive quizzes in
turn, ``--runs`` of each, and prints both and adaptive's p50 and p95 as a share of
standard's (the bar: adaptive no slower than standard). ``--against`` takes each quiz with
another installed skillquiz too, in turn, so a change is measured against the code before
it under the same load.

Needs pexpect and pyte (pip install pyte). Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pexpect
import pyte

from questions import Item, load_banks

ROWS, COLUMNS = 40, 120
DOWN = "\x1b[B"
SEED = 3
SETTLE = 0.05  # seconds of quiet output after the keys that pick an answer, before Enter
TIMEOUT = 30.0
# A question's heading as a prompt draws it: fixed ("question 3 of 84") or adaptive
# ("about you, 1 of 3", "practical question 2 of at most 14 (this skill ends ...)").
HEADING = re.compile(r"^> (.+ - (?:(?:practical )?question \d+|about you, \d+ of \d+).*?)\s*$")
THE_END = "Review the questions you missed"


class _Terminal(pyte.Screen):
    """A screen that answers the program's requests (cursor position) on its pty."""

    def __init__(self, child: pexpect.spawn) -> None:
        super().__init__(COLUMNS, ROWS)
        self.child = child

    def write_process_input(self, data: str) -> None:
        self.child.send(data)


def _row_text(row: dict[int, pyte.screens.Char], columns: int) -> str:
    """One row of the screen as text: pyte's ``display`` for a row, without measuring
    every cell's width (a wide character's second cell holds "", which adds nothing)."""
    cells = [" "] * columns
    for column, char in row.items():
        if column < columns:
            cells[column] = char.data
    return "".join(cells)


def _words(text: str) -> str:
    return " ".join(text.split())


def _shared(first: str, second: str) -> int:
    """How many characters the two texts start with alike."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


class Driver:
    """The child, its emulated screen, and reading its output into the screen."""

    def __init__(self, child: pexpect.spawn, items: Sequence[Item]) -> None:
        self.child = child
        self.items = items
        self.screen = _Terminal(child)
        self.stream = pyte.Stream(self.screen)
        self.ended = False
        self.texts = [_words(item.text) for item in items]
        self.rows = [""] * ROWS

    def display(self) -> list[str]:
        """The screen's rows as text, only the rows changed since the last call made anew.

        pyte's own ``display`` makes all of them from every cell each time it is read,
        several milliseconds of the bench's own work inside the wait it measures."""
        for row in self.screen.dirty:
            self.rows[row] = _row_text(self.screen.buffer[row], COLUMNS)
        self.screen.dirty.clear()
        return self.rows

    def pump(self, timeout: float) -> bool:
        """Feed what the child wrote within ``timeout`` s to the screen; False on silence
        or once the child has closed its terminal."""
        if self.ended:
            return False
        ready, _, _ = select.select([self.child.child_fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.child.child_fd, 65536)
        except OSError:  # the child closed its terminal
            data = b""
        if not data:
            self.ended = True
            return False
        self.stream.feed(data.decode("utf-8", "replace"))
        return True

    def settle(self) -> None:
        """Read until the output has been quiet for SETTLE seconds."""
        while self.pump(SETTLE):
            pass

    def asked(self, lines: list[str], seen: set[str]) -> tuple[str, Item] | None:
        """The question being asked, once its heading (not one ``seen`` before) and the
        start of its text are on the screen: its heading and its item (found by its text).

        Between two prompts the screen may show an earlier question's echo last (the old
        prompt erased, its echo not yet written), so only a heading never seen counts."""
        for index in range(len(lines) - 1, -1, -1):
            match = HEADING.match(lines[index])
            if match is None:
                continue
            if match[1] in seen:
                return None
            shown = _words(" ".join(lines[index + 1 : index + 4]))
            best = max(range(len(self.items)), key=lambda at: _shared(self.texts[at], shown))
            item = self.items[best]
            start = " ".join(item.text.split()[:3])
            return (match[1], item) if shown.startswith(start) else None
        return None

    def next_question(self, seen: set[str]) -> tuple[str, Item] | None:
        """Read until the next question is on the screen; None when the quiz has ended."""
        deadline = time.perf_counter() + TIMEOUT
        while (found := self.asked(lines := self.display(), seen)) is None:
            if self.ended or THE_END in "\n".join(lines):
                return None
            if time.perf_counter() > deadline:
                screen = "\n".join(line.rstrip() for line in lines)
                raise SystemExit(f"timed out waiting for a question after {len(seen)}:\n{screen}")
            self.pump(0.5)
        return found

    def cpu(self) -> float | None:
        """Seconds of CPU the child has used so far (every thread); None off Linux."""
        try:
            tasks = Path(f"/proc/{self.child.pid}/task").iterdir()
            return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks) / 1e9
        except (OSError, ValueError, IndexError):
            return None


def _keys(item: Item) -> str:
    """The keys that pick an answer, Enter left out."""
    if item.type in ("likert", "choice"):
        return DOWN
    if item.type == "multi":
        return " " + DOWN * 2 + " "
    if item.type == "numeric":
        return "4.5"
    if item.type == "order":
        return " ".join(str(n) for n in range(len(item.items), 0, -1))
    if item.type == "text":
        return "an answer"
    return ""  # match: Enter on each prompt's first answer


def _pick(driver: Driver, item: Item) -> None:
    """Send the keys that answer ``item``, all but the last Enter, each left to settle."""
    steps = len(item.pairs) if item.type == "match" else 1
    for step in range(steps):
        keys = _keys(item)
        if keys:
            driver.child.send(keys)
            driver.settle()
        if step < steps - 1:
            driver.child.send("\r")
            driver.settle()


def run_once(script: str, length: str, home: Path) -> tuple[list[float], list[float]]:
    """One quiz taken: the wait after each answer but the last (ms), and the CPU time
    skillquiz used in each (ms; empty where it cannot be read)."""
    banks = load_banks()
    skills = [skill.id for skill in banks.skills]
    env = {**os.environ, "SKILLQUIZ_HOME": str(home), "TERM": "xterm"}
    for name in ("PROMPT_TOOLKIT_NO_CPR", "NO_COLOR", "COLUMNS", "LINES"):
        env.pop(name, None)
    picks = [arg for skill in skills for arg in ("--skill", skill)]
    args = ["take", "--length", length, "--seed", str(SEED), "--name", "Bench", *picks]
    child = pexpect.spawn(script, [*args, "--experience", "0"], env=env, dimensions=(ROWS, COLUMNS))
    child.delaybeforesend = None  # pexpect sleeps 50 ms before every write unless told not to
    driver = Driver(child, list(banks.items.values()))
    waits: list[float] = []
    used: list[float] = []
    seen: set[str] = set()
    asked = driver.next_question(seen)
    while asked is not None:
        heading, item = asked
        seen.add(heading)
        driver.settle()
        _pick(driver, item)
        start, cpu_before = time.perf_counter(), driver.cpu()
        child.send("\r")
        asked = driver.next_question(seen)
        if asked is None:
            break
        waits.append((time.perf_counter() - start) * 1000)
        cpu_after = driver.cpu()
        if cpu_before is not None and cpu_after is not None:
            used.append((cpu_after - cpu_before) * 1000)
    if THE_END in "\n".join(driver.display()):
        child.send("n")  # no review of the questions missed
    child.expect(pexpect.EOF, timeout=120)
    child.close()
    return waits, used


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Arm:
    """The waits (and skillquiz's CPU time in them) over every quiz of one length taken
    with one installed skillquiz."""

    def __init__(self, length: str, script: str) -> None:
        self.length = length
        self.script = script
        self.waits: list[float] = []
        self.used: list[float] = []
        self.quizzes = 0

    def take(self) -> None:
        with tempfile.TemporaryDirectory(prefix="skillquiz-pty-") as home:
            waits, used = run_once(self.script, self.length, Path(home))
        self.waits.extend(waits)
        self.used.extend(used)
        self.quizzes += 1

    def lines(self) -> list[str]:
        waits, used = self.waits, self.used
        out = [
            f"{self.script} take --length {self.length}: {len(waits)} answers, "
            f"{self.quizzes} quizzes",
            f"  Enter -> next question on screen: p50 {statistics.median(waits):.1f} ms, "
            f"p95 {percentile(waits, 0.95):.1f} ms, max {max(waits):.1f} ms "
            "(target p95 < 50 ms)",
        ]
        if used:
            out.append(
                f"  skillquiz's CPU time in that wait: p50 {statistics.median(used):.1f} ms, "
                f"p95 {percentile(used, 0.95):.1f} ms"
            )
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--length", default="standard", choices=["quick", "standard", "full", "adaptive"]
    )
    parser.add_argument(
        "--compare", action="store_true", help="standard and adaptive quizzes in turn"
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--skillquiz", default=str(Path(sys.executable).with_name("skillquiz")))
    parser.add_argument(
        "--against",
        metavar="SKILLQUIZ",
        help="another installed skillquiz (another checkout's), its quizzes taken in turn "
        "with this one's under the same load",
    )
    args = parser.parse_args()
    lengths = ["standard", "adaptive"] if args.compare else [args.length]
    scripts = [args.skillquiz, *([args.against] if args.against else [])]
    arms = [Arm(length, script) for script in scripts for length in lengths]
    load_before = os.getloadavg()
    for _ in range(args.runs):
        for arm in arms:
            arm.take()
    load_after = os.getloadavg()
    for arm in arms:
        print("\n".join(arm.lines()))
    if args.compare:
        for fixed, adaptive in zip(arms[::2], arms[1::2], strict=True):
            print(f"{fixed.script}: adaptive / standard")
            print(f"  Enter -> next question: {_shares(adaptive.waits, fixed.waits)}")
            if adaptive.used and fixed.used:
                print(f"  CPU time in the wait: {_shares(adaptive.used, fixed.used)}")
    if args.against:
        for this, other in zip(arms[: len(lengths)], arms[len(lengths) :], strict=True):
            print(f"--length {this.length}: this / --against")
            print(f"  Enter -> next question: {_shares(this.waits, other.waits)}")
    loads = ", ".join(f"{a:.1f}->{b:.1f}" for a, b in zip(load_before, load_after, strict=True))
    print(f"  load average (1, 5, 15 min): {loads}; {os.cpu_count()} cores")


def _shares(these: list[float], those: list[float]) -> str:
    """``these`` as a share of ``those`` at p50 and p95 (the bar: at most 1)."""
    p50 = statistics.median(these) / statistics.median(those)
    p95 = percentile(these, 0.95) / percentile(those, 0.95)
    return f"p50 {p50:.2f}x, p95 {p95:.2f}x (bar: <= 1)"


if __name__ == "__main__":
    main()
