"""Garbage collection while a person reads a question, rather than between their answer and
the next question.

Every prompt leaves thousands of objects in reference cycles (prompt_toolkit's layouts and
applications). Left to itself, Python's collector runs a full collection at some point as
they pile up, over everything the process holds (the banks, the modules), and such a pause
(20-70 ms) lands wherever it lands, often right after an answer. Here the state built at
start-up is frozen out of collection once (it lives until exit), and the garbage is
collected just after each question is drawn, when the person is reading it: a few hundredths
of a second after, once the terminal has had time to draw what it was sent (on a busy
machine a collection of several milliseconds at that moment would hold the drawing back).
A person who answers sooner than that skips one collection; the next one collects for both.

Work that can be done ahead of the answer (an adaptive quiz choosing its next question for
each answer the current one can be given) is done then too, right after the collection, a
step per turn of the event loop so a key pressed meanwhile waits for one step at most.

Between two such collections a turn makes about a thousand new objects, which at Python's
default threshold (700) sets off one or two young collections (about 0.5 ms each) inside
the wait; the threshold is raised above what a turn makes, so the collection after the
drawing is the only one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

_frozen = False
# New objects that set off a young collection once the questions have started (default 700).
YOUNG_THRESHOLD = 10_000
# Seconds from a question's drawing to the collection: a terminal draws within a frame or
# two (17-33 ms), and a person takes far longer to answer.
AFTER_DRAWN = 0.04
# The work to do ahead once the next question is drawn (the newest only).
_ahead: list[Iterator[None]] = []


def work_ahead(steps: Iterator[None]) -> None:
    """Run ``steps`` (an iterator doing a piece of work a step) once the next question is
    drawn and the garbage collected; it replaces any work not yet begun."""
    _ahead[:] = [steps]


def collect_once_drawn(app: Any) -> None:
    """Collect garbage once, AFTER_DRAWN seconds after ``app`` (a prompt_toolkit
    Application) first draws itself: its question is then on the screen and the next key
    is some time away."""

    def drawn(_: object) -> None:
        import asyncio

        app.after_render -= drawn
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # drawn outside an event loop: nothing to wait in
            _collect()
            return
        loop.call_later(AFTER_DRAWN, _collect_then_ahead, loop)

    app.after_render += drawn


def _collect() -> None:
    global _frozen
    gc.collect()
    if not _frozen:
        gc.freeze()  # what is alive now (start-up state) is never collected again
        young, *older = gc.get_threshold()
        gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
        _frozen = True


def _collect_then_ahead(loop: Any) -> None:
    _collect()
    if _ahead:
        _step_ahead(loop, _ahead.pop())


def _step_ahead(loop: Any, steps: Iterator[None]) -> None:
    try:
        next(steps)
    except StopIteration:
        return
    except Exception:  # done again when the answer comes, and reported there
        return
    loop.call_soon(_step_ahead, loop, steps)
