"""The take workflow, apart from the terminal: start or resume an attempt, answer, finish,
and forget an attempt that ended before its first answer.

``skillquiz take`` parses options and talks to the person; everything it does to the
attempt goes through a ``TakeRun``, so the workflow reads (and is tested) without click,
prompts or a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from typing import TYPE_CHECKING

from quiz.attempts.adaptive_session import ADAPTIVE, AdaptiveSession
from quiz.attempts.session import BACK, QuizQuestion, Session, Turn
from quiz.errors import RuntimeFailure, plural

if TYPE_CHECKING:
    from questions import BankSet, Item
    from quiz.attempts.results import ScoredAttempt
    from quiz.storage import AttemptRow, Store
    from scoring.models import Answer

RESUME_HINT = "skillquiz take --resume"


class TakeRun:
    """One run of ``take`` on a store: the attempt it started or resumed, if any."""

    def __init__(
        self, store: Store, hold: Callable[[], AbstractContextManager[None]] = nullcontext
    ) -> None:
        self.store = store
        self.session: Session | None = None
        self.started = False  # a new attempt, as opposed to one resumed
        # Keeps interruptions out while an attempt is recorded and not yet known here (one
        # then could not be forgotten when it has no answer).
        self._hold = hold

    def start(
        self,
        bank_set: BankSet,
        *,
        skills: Sequence[str],
        length: str,
        seed: int | None = None,
        name: str | None = None,
        experience_years: float | None = None,
    ) -> Session:
        """Draw a new quiz and record it as an attempt, held by this run alone."""
        with self._hold():
            if length == ADAPTIVE:
                self.session = AdaptiveSession.begin(
                    self.store,
                    bank_set,
                    skills=skills,
                    seed=seed,
                    name=name,
                    experience_years=experience_years,
                )
            else:
                self.session = Session.start(
                    self.store,
                    bank_set,
                    skills=skills,
                    length=length,
                    seed=seed,
                    name=name,
                    experience_years=experience_years,
                )
            self.started = True
        self.store.claim(self.session.id)
        return self.session

    def unfinished_of(self, name: str | None) -> AttemptRow | None:
        """The newest unfinished attempt of this name (as names are kept), so a person who
        starts again without --resume can be offered the one they left."""
        from quiz.attempts.session import clean_name

        return self.store.unfinished_of(clean_name(name))

    def resume(self, ref: str) -> Session:
        """Continue an unfinished attempt: "latest", or an id as typed."""
        from quiz.attempts.results import load_attempt, resolve_attempt, snapshot_of

        if ref.strip().casefold() == "latest":
            attempt = self.store.latest(finished=False)
            if attempt is None:
                raise RuntimeFailure(
                    "no attempt in progress to resume; start one with skillquiz take"
                )
        else:
            attempt = load_attempt(self.store, resolve_attempt(self.store, ref))
        if attempt.finished:
            raise RuntimeFailure(
                f"attempt {attempt.id} is already finished; see it with skillquiz show {attempt.id}"
            )
        # Read once; a damaged snapshot fails here, in one line.
        snapshot = snapshot_of(self.store, attempt)
        # This session's alone from here, and writable: before the first question is shown.
        self.store.claim(attempt.id)
        # Read again under the claim: the answers another session gave before it ended.
        refreshed = self.store.attempt(attempt.id) or attempt
        if refreshed.length == ADAPTIVE:
            self.session = AdaptiveSession.reopen(self.store, refreshed)
        else:
            self.session = Session(self.store, refreshed, snapshot)
        return self.session

    def _current(self) -> Session:
        if self.session is None:
            raise RuntimeError("no attempt started or resumed")
        return self.session

    def unused(self, given: Mapping[str, Answer]) -> list[str]:
        """The ids in an answers file that this attempt does not ask (adaptive: did not
        ask, once answered from the file)."""
        items = self._current().snapshot.items
        return [question_id for question_id in given if question_id not in items]

    @property
    def adaptive(self) -> bool:
        return isinstance(self.session, AdaptiveSession)

    def anticipate(self) -> Iterator[None]:
        """An adaptive quiz's next choice worked out ahead of the answer, a step at a time
        (AdaptiveSession.anticipate); nothing for a fixed-length quiz."""
        session = self.session
        if isinstance(session, AdaptiveSession):
            yield from session.anticipate()

    def answer_all(self, given: Mapping[str, Answer]) -> None:
        """Answer every unanswered question from a file at once (missing ids: skipped)."""
        self._current().answer_all(given)

    def ask_all(self, ask: Callable[[QuizQuestion, Turn], object]) -> None:
        """Ask the questions in order from the first unanswered one, saving each answer as
        it comes (committed at once, as always).

        An asker may return BACK: the previous question is asked again with its answer
        so far, and what is given then replaces it; the quiz goes on from there, question
        by question, each already answered one offering its answer to keep.
        """
        session = self._current()
        index = session.position()
        # Read each time round: an adaptive quiz adds each next question as it goes.
        while index is not None and index < len(questions := session.questions):
            turn = session.turn(index)
            reply = ask(questions[index], turn)
            if reply is BACK:
                if turn.back:
                    index -= 1
                continue
            question_id = questions[index].item.id
            if turn.given is None or reply != turn.given.answer:
                session.answer(question_id, reply)
            index += 1

    def finish(self) -> ScoredAttempt:
        """Finish the attempt (keeping its grading) and return it scored, as graded once:
        the report shown at finish is made from it, not scored again."""
        from quiz.attempts.results import ScoredAttempt
        from quiz.attempts.snapshot import keep_validated

        session = self._current()
        assessment = session.finish()
        keep_validated(self.store, session.attempt)
        return ScoredAttempt(session.attempt, session.snapshot, assessment)

    def stop(self) -> Session | None:
        """After an interruption: forget an attempt started in this run that has no answer
        yet (history would fill with empty attempts, and "progress saved" would be said of
        nothing); returns the session when it is worth keeping."""
        session = self.session
        if session is not None and self.started and not session.answers:
            self.store.delete(session.id)
            self.session = None
        return self.session

    def forget_if_empty(self) -> None:
        """``stop``, when the run ends in a way nothing else handled (an internal error):
        best effort, since the database may be what failed."""
        with suppress(RuntimeFailure):
            self.stop()

    def resume_command(self) -> str:
        """How to continue this attempt: plain --resume when it is the latest unfinished."""
        session = self._current()
        latest = self.store.latest(finished=False)
        if latest is not None and latest.id == session.id:
            return RESUME_HINT
        return f"{RESUME_HINT} {session.id}"

    def answerable(self) -> Mapping[str, Item]:
        """The questions an answers file may name for the attempt under way: its own, as
        asked, and the built-in ones, so a file written for the whole quiz is not refused
        on resume for ids this attempt did not ask (those are noted and ignored, as for a
        new attempt)."""
        from questions import BankLoadError, load_banks

        try:
            builtin = dict(load_banks().items)
        except BankLoadError:
            builtin = {}
        return {**builtin, **self._current().snapshot.items}

    def failure_after_start(self, error: RuntimeFailure) -> RuntimeFailure:
        """A failure once an attempt is under way, saying what became of it: each answer was
        committed as it was given, so the ones before the failure are kept and the quiz can
        be resumed; unless the attempt itself was deleted meanwhile (history --delete
        elsewhere)."""
        session = self.session
        if session is None:
            return error
        try:
            attempt = self.store.attempt(session.id)
            gone = attempt is None
            if attempt is not None and attempt.finished:
                return error  # the results are kept; the failure was after (a --report file)
        except RuntimeFailure:
            gone = False  # the database cannot say: the answers before the failure are kept
        if gone:
            return RuntimeFailure(
                f"attempt {session.id} was deleted while this quiz was running (skillquiz "
                "history --delete); nothing more can be saved to it: start again with "
                "skillquiz take"
            )
        try:
            resume = self.resume_command()
        except RuntimeFailure:
            resume = f"{RESUME_HINT} {session.id}"
        saved = plural(len(session.answers), "answer")
        return RuntimeFailure(
            f"{error.message}; the {saved} given before it are saved: resume with {resume}"
        )
