"""SIGTERM and SIGHUP (a closed terminal, a killed session) stop ``take`` the way Ctrl-C
does: what was answered is kept, and an attempt with no answer yet is not left behind.

By default either signal ends Python at once, with no chance to tidy up, so an attempt
started a moment before would stay in history as "in progress (0/N)".
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """Raised where the program was when a stopping signal came; handled as Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class StopSignals:
    """While active, the stopping signals raise ``Stopped``; ``received`` is the first one
    (None until one comes). After the first, the others are ignored: tidying up (deleting
    an empty attempt) is not itself cut short."""

    def __init__(self) -> None:
        self.received: int | None = None

    def _raise(self, signum: int, frame: FrameType | None) -> None:
        for other in STOPPING:
            signal.signal(other, signal.SIG_IGN)
        self.received = signum
        raise Stopped(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold the stopping signals back for a moment that must not be split (an attempt
        recorded but not yet known to the run): one that comes meanwhile is acted on
        right after."""
        if not _main_thread() or not hasattr(signal, "pthread_sigmask"):
            yield
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_signals() -> Iterator[StopSignals]:
    """The stopping signals as ``Stopped`` inside the block (signals can only be handled
    in the main thread: elsewhere, as in some test runners, nothing changes)."""
    handling = StopSignals()
    if not _main_thread():
        yield handling
        return
    previous: dict[int, Any] = {}
    for signum in STOPPING:
        previous[signum] = signal.signal(signum, handling._raise)
    try:
        yield handling
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
