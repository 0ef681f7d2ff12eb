"""Learners' exported JSON reports brought into the attempts database.

A trainer collects the files learners export (``skillquiz report --format json``) and
imports them to study the class. Each report becomes a finished attempt with the learner's
name, the questions it asked (taken from the bank the report names, so it is graded by the
same rules as an attempt taken here) and the answers given.

Importing is idempotent: an attempt is known by a digest of who took it, when, how, and
what they answered, so a file imported twice (or a report exported from this very
database) is stored once. Each file succeeds or fails on its own, with one line saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questions import BankSet, InputError, Item, Skill
from questions.answers import AnswerError, check_answer, keyed_answer
from questions.record import Record
from questions.textfiles import MAX_FILE_BYTES, read_limited_text
from quiz.attempts.lengths import LENGTHS
from quiz.attempts.session import checked_name
from quiz.attempts.snapshot import AskedQuestion, BankRef, Snapshot, SnapshotCache, load_snapshot
from quiz.errors import RuntimeFailure
from quiz.safetext import in_message, shortened, visible
from quiz.storage import AttemptRow, Store
from scoring.models import Answer
from scoring.wording import join_names

if TYPE_CHECKING:
    from quiz.classroom.report_shape import ImportedReport, ReportResponse

REPORT_SUFFIX = ".json"
SUPPORTED_REPORTS = (1, 2, 3)


class BadReport(ValueError):
    """A report that cannot be imported; the message is the reason, for ``FILE: reason``."""


class KnownBank(Record):
    """A bank version import can take questions from: its skill, items and whether it is
    the whole bank (a file) or only the items stored attempts asked of it."""

    skill: Skill
    digest: str
    items: Mapping[str, Item]
    whole: bool


class ImportedReports(Record):
    """What importing came to, filled in as it goes (each list is the record's own and
    grows; the fields themselves are never reassigned)."""

    imported: list[tuple[str, int]] = []  # noqa: RUF012 (file, attempt id)
    duplicates: list[str] = []  # noqa: RUF012
    problems: list[str] = []  # noqa: RUF012 "FILE: reason"
    notes: list[str] = []  # noqa: RUF012 "FILE: note: ..." (imported all the same)


# Times a report may carry: none before the Unix epoch (no quiz was taken then), none more
# than a day past this computer's clock (a learner's clock may run a little fast).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(days=1)
NAIVE_NOTE = "its times carry no time zone; read as UTC"


def report_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every report file the arguments name, with None, or with the reason it is refused.

    A folder gives its *.json files, its subfolders' too; a folder reached twice (a
    symlink loop) is refused once, as are FIFOs, devices and files over the size limit,
    before anything tries to read them.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk(path, seen, top=True)


def _walk(
    path: Path, seen: set[tuple[int, int]], *, top: bool
) -> Iterator[tuple[Path, str | None]]:
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "a broken symlink" if path.is_symlink() else "no such file or folder"
        yield path, reason
        return
    except OSError as error:
        if error.errno == 40:  # ELOOP
            yield path, "a symlink loop"
        else:
            yield path, f"cannot read: {error.strerror or error}"
        return
    if stat.S_ISDIR(info.st_mode):
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield path, "a symlink loop (this folder is already being read)"
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(path), key=lambda entry: entry.name)
        except OSError as error:
            yield path, f"cannot read: {error.strerror or error}"
            return
        found = False
        for entry in entries:
            child = Path(entry.path)
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder or child.suffix.lower() == REPORT_SUFFIX:
                found = True
                yield from _walk(child, seen, top=False)
        if top and not found:
            yield path, "no reports (*.json) in this folder"
        return
    if not stat.S_ISREG(info.st_mode):
        yield path, "not a regular file (a FIFO, device or socket); refused"
        return
    if info.st_size > MAX_FILE_BYTES:
        yield path, f"{info.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for a report"
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return  # the same file named twice: read once
    seen.add(key)
    yield path, None


def report_data(path: Path) -> dict[str, Any]:
    """A file's JSON, when it is a report of a version this one imports (BadReport if not)."""
    try:
        text = read_limited_text(path)
    except InputError as error:
        raise BadReport(error.problems[0].message) from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BadReport(f"not JSON ({error})") from None
    except RecursionError:
        raise BadReport("its JSON is nested too deeply to be a skillquiz report") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise BadReport("not a skillquiz report (no schema_version)")
    version = data["schema_version"]
    if version not in SUPPORTED_REPORTS or isinstance(version, bool):
        shown = shortened(visible(json.dumps(version)), 20)
        raise BadReport(
            f"a report of schema_version {shown}; this version imports "
            f"{join_names([str(v) for v in SUPPORTED_REPORTS])}"
        )
    return data


def validated_report(data: dict[str, Any]) -> ImportedReport:
    """A report's JSON read into what import uses (BadReport naming the first problem)."""
    from pydantic import ValidationError

    from quiz.classroom.report_shape import ImportedReport

    try:
        return ImportedReport.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadReport(f"not a skillquiz report: {where}: {first['msg']}") from None


def plain_digest(data: dict[str, Any]) -> str | None:
    """The attempt digest read straight from a report's JSON, when every part it hashes is
    already as storage keeps it (as in a report exported and not edited); None otherwise.

    Re-importing a class's reports finds most already here: a digest equal to a stored
    attempt's names that very attempt (who, when, how, and what they answered), so the
    report can be told a duplicate without being validated or checked against the banks.
    Any other report, or one whose parts are spelled otherwise, is read in full.
    """
    try:
        attempt = data["attempt"]
        name, seed, length = attempt.get("name"), attempt["seed"], attempt["length"]
        if type(seed) is not int or not isinstance(length, str):
            return None
        if name is not None and not isinstance(name, str):
            return None
        started, finished = _plain_time(attempt["started_at"]), _plain_time(attempt["finished_at"])
        answers: dict[str, Answer] = {}
        for response in data["responses"]:
            question_id = response["question_id"]
            if not isinstance(question_id, str) or question_id in answers:
                return None
            answers[question_id] = response.get("answer")
        return attempt_digest(checked_name(name), started, finished, length, seed, answers)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError):
        return None  # whatever is odd about it is for the full read to report


def _plain_time(value: Any) -> datetime:
    """A report's time as ISO 8601 text; TypeError or ValueError for anything else."""
    if not isinstance(value, str):
        raise TypeError(value)
    return datetime.fromisoformat(value)


def as_utc(when: datetime, field_name: str) -> datetime:
    """A report's time as a moment in UTC (without a zone: read as UTC), or BadReport when
    it is outside the times a quiz can have been taken."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    shown = shortened(when.isoformat(), 40)
    try:
        moment = when.astimezone(UTC)
    except OverflowError:
        raise BadReport(f"attempt.{field_name}: {shown} is out of range") from None
    if moment < EARLIEST:
        raise BadReport(f"attempt.{field_name}: {shown} is before 1970")
    if moment > datetime.now(UTC) + CLOCK_SKEW:
        raise BadReport(f"attempt.{field_name}: {shown} is in the future")
    return moment.replace(microsecond=0)


def _utc(when: datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def attempt_digest(
    name: str | None,
    started_at: datetime,
    finished_at: datetime | None,
    length: str,
    seed: int,
    answers: Mapping[str, Answer],
) -> str:
    """Who took an attempt, when and how, and what they answered (skips left out), hashed:
    the same attempt gives the same digest whether read from a report or from storage."""
    canonical = json.dumps(
        {
            "name": name,
            "started_at": _utc(started_at),
            "finished_at": None if finished_at is None else _utc(finished_at),
            "length": length,
            "seed": seed,
            "answers": {qid: value for qid, value in sorted(answers.items()) if value is not None},
        },
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def stored_digest(store: Store, attempt: AttemptRow) -> str | None:
    if attempt.damaged:
        return None
    try:
        answers = store.answers(attempt.id)
    except RuntimeFailure:
        return None
    return attempt_digest(
        attempt.name, attempt.started_at, attempt.finished_at, attempt.length, attempt.seed, answers
    )


def known_banks(store: Store, bank_sets: Sequence[BankSet]) -> dict[str, KnownBank]:
    """Bank versions by digest: whole banks from files first, then the items stored
    attempts asked of versions no file here holds."""
    known: dict[str, KnownBank] = {}
    for bank_set in bank_sets:
        for loaded in bank_set.banks:
            items = {item.id: item for item in loaded.bank.questions}
            known.setdefault(
                loaded.digest,
                KnownBank(skill=loaded.skill, digest=loaded.digest, items=items, whole=True),
            )
    partial: dict[str, tuple[Skill, dict[str, Item]]] = {}
    snapshots = SnapshotCache()
    for attempt in store.attempts():
        try:
            snapshot = load_snapshot(store, attempt, snapshots)
        except ValueError:
            continue
        digests = {ref.skill.id: ref for ref in snapshot.banks}
        for question in snapshot.questions:
            ref = digests[question.skill]
            if ref.digest in known:
                continue
            entry = partial.setdefault(ref.digest, (ref.skill, {}))
            entry[1].setdefault(question.item.id, question.item)
    for digest, (skill, items) in partial.items():
        known[digest] = KnownBank(skill=skill, digest=digest, items=items, whole=False)
    return known


def _fits(item: Item, response: ReportResponse) -> str | None:
    """Why a report's question contradicts the item of the same id (None when it agrees)."""
    if response.type is not None and response.type != item.type:
        return f"it is a {response.type} question in the report, a {item.type} one here"
    if response.text is not None and " ".join(response.text.split()) != " ".join(item.text.split()):
        return "its text differs"
    if response.keyed is not None and response.keyed != keyed_answer(item):
        return "its keyed answer differs"
    return None


def _resolve(
    response: ReportResponse, digest: str | None, known: Mapping[str, KnownBank]
) -> tuple[Item, Skill, str]:
    """The item a report's question is, with its skill and the digest to record."""
    qid = shortened(visible(response.question_id), 40)
    skill_id = shortened(visible(response.skill), 40)
    if digest is not None and digest in known:
        bank = known[digest]
        item = bank.items.get(response.question_id)
        if item is not None:
            reason = _fits(item, response)
            if reason is not None:
                raise BadReport(
                    f"question {qid} contradicts bank {skill_id} stored here under the same "
                    f"digest {shortened(visible(digest), 20)}: {reason}"
                )
            return item, bank.skill, digest
        if bank.whole:
            raise BadReport(
                f"question {qid} is not in bank {skill_id} stored here under the same digest "
                f"{shortened(visible(digest), 20)}"
            )
    for bank in known.values():
        item = bank.items.get(response.question_id)
        if bank.skill.id == response.skill and item is not None and _fits(item, response) is None:
            return item, bank.skill, digest or bank.digest
    version = "" if digest is None else f" (version {shortened(visible(digest), 20)})"
    raise BadReport(
        f"no bank here holds question {qid} of skill {skill_id}{version}; give its bank "
        "with --bank-dir"
    )


class PreparedAttempt(Record):
    name: str | None
    started_at: datetime
    finished_at: datetime
    length: str
    seed: int
    skills: list[str]
    snapshot: Snapshot
    answers: dict[str, Answer]
    digest: str
    experience_years: float | None = None
    naive_times: bool = False  # the report's times had no zone (read as UTC)


def prepare(report: ImportedReport, known: Mapping[str, KnownBank]) -> PreparedAttempt:
    """A report checked against the banks known here, ready to store (or BadReport)."""
    attempt = report.attempt
    if attempt.finished_at is None:
        raise BadReport("the attempt is not finished; only finished attempts are imported")
    started_at = as_utc(attempt.started_at, "started_at")
    finished_at = as_utc(attempt.finished_at, "finished_at")
    try:
        name = checked_name(attempt.name)
    except ValueError as error:
        raise BadReport(f"attempt.name: {error}") from None
    if attempt.length not in LENGTHS:
        raise BadReport(f"unknown quiz length {shortened(visible(attempt.length), 20)!r}")
    if not report.responses:
        raise BadReport("the report has no responses")
    digests = {bank.skill: bank.digest for bank in attempt.banks}
    refs: dict[str, BankRef] = {}
    questions: list[AskedQuestion] = []
    answers: dict[str, Answer] = {}
    for response in report.responses:
        if response.question_id in answers:
            raise BadReport(f"question {shortened(visible(response.question_id), 40)} repeats")
        item, skill, digest = _resolve(response, digests.get(response.skill), known)
        refs.setdefault(skill.id, BankRef(skill=skill, digest=digest, source="imported report"))
        try:
            answers[item.id] = check_answer(item, response.answer)
        except AnswerError as error:
            raise BadReport(f"question {item.id}: {error}") from None
        questions.append(AskedQuestion(skill=skill.id, item=item))
    return PreparedAttempt(
        name=name,
        started_at=started_at,
        finished_at=finished_at,
        length=attempt.length,
        seed=attempt.seed,
        skills=list(refs),
        snapshot=Snapshot(banks=tuple(refs.values()), questions=tuple(questions)),
        answers=answers,
        digest=attempt_digest(name, started_at, finished_at, attempt.length, attempt.seed, answers),
        experience_years=attempt.experience_years,
        naive_times=attempt.started_at.tzinfo is None or attempt.finished_at.tzinfo is None,
    )


def store_attempt(store: Store, prepared: PreparedAttempt) -> int:
    """Store the attempt whole, graded under the current rules, in one transaction."""
    from quiz.attempts.summaries import grade_attempt
    from quiz.storage import NewAttempt

    graded, summary = grade_attempt(
        prepared.snapshot,
        prepared.answers,
        finished=True,
        experience_years=prepared.experience_years,
    )
    return store.import_attempt(
        NewAttempt(
            name=prepared.name,
            length=prepared.length,
            seed=prepared.seed,
            skills=tuple(prepared.skills),
            snapshot=prepared.snapshot.to_json(),
            draw=None,
            questions=len(prepared.snapshot.questions),
            started_at=prepared.started_at,
            finished_at=prepared.finished_at,
            answers=dict(prepared.answers),
            experience_years=prepared.experience_years,
            graded=graded,
            summary=summary,
            source="imported",
        )
    )


def import_reports(
    store: Store, paths: Iterable[Path], bank_sets: Sequence[BankSet]
) -> ImportedReports:
    """Import every report the paths name; each bad file is a problem line, not a stop."""
    result = ImportedReports()
    existing = {d for a in store.attempts() if (d := stored_digest(store, a)) is not None}
    known: dict[str, KnownBank] | None = None
    for path, refused in report_files(paths):
        shown = visible(str(path))
        if refused is not None:
            result.problems.append(f"{shown}: {refused}")
            continue
        try:
            data = report_data(path)
            if plain_digest(data) in existing:
                result.duplicates.append(shown)
                continue
            # The known banks are read once, when the first report needs them.
            if known is None:
                known = known_banks(store, bank_sets)
            _import_one(store, shown, validated_report(data), known, existing, result)
        except BadReport as error:
            result.problems.append(f"{shown}: {error}")
        except RuntimeFailure as error:
            result.problems.append(f"{shown}: not imported: {error.message}")
        except (ValueError, OverflowError, RecursionError, TypeError) as error:
            # Whatever else a hostile file finds: one line for it, and on to the next.
            reason = shortened(in_message(str(error) or type(error).__name__), 120)
            result.problems.append(f"{shown}: cannot be imported ({reason})")
    return result


def _import_one(
    store: Store,
    shown: str,
    report: ImportedReport,
    known: Mapping[str, KnownBank],
    existing: set[str],
    result: ImportedReports,
) -> None:
    """One report checked and stored, or skipped as a duplicate; whatever is wrong with it
    is raised for ``import_reports`` to make one line of."""
    prepared = prepare(report, known)
    if prepared.digest in existing:
        result.duplicates.append(shown)
        return
    result.imported.append((shown, store_attempt(store, prepared)))
    existing.add(prepared.digest)
    if prepared.naive_times:
        result.notes.append(f"{shown}: note: {NAIVE_NOTE}")
