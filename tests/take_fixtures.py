"""What the tests of ``skillquiz take`` type and read back: replies that skip, files they
write, and the attempt as stored (its snapshot and answers, the count of attempts, the
years of experience kept)."""

from __future__ import annotations

from pathlib import Path

from quiz.attempts.snapshot import Snapshot, load_snapshot
from quiz.storage import Store


def skip_all(count: int) -> str:
    return "s\n" * count


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stored(attempt_id: int = 1) -> tuple[Snapshot, dict[str, object]]:
    with Store.open() as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return load_snapshot(store, attempt), dict(store.answers(attempt_id))


def attempt_count() -> int:
    with Store.open() as store:
        return len(store.attempts())


def stored_experience(attempt_id: int = 1) -> float | None:
    with Store.open() as store:
        attempt = store.attempt(attempt_id)
        assert attempt is not None
        return attempt.experience_years
