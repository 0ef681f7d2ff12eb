"""Shared fixtures: an isolated SKILLQUIZ_HOME for every test, small banks of every type,
``run`` (the CLI through click's CliRunner), ``take_beta`` and the databases of both engines.

Markers (``--strict-markers``): ``pg`` for every test on PostgreSQL (set here, from the
fixtures it uses), ``browser`` and ``pty`` for the tests that drive Chromium or a real
terminal; ``-m "not pg and not browser and not pty"`` runs the quick rest. The suite runs
in parallel with ``-n auto`` (pytest-xdist): each test has its own home and database.

Golden files of what people read are in tests/golden/; after an intended change of output,
regenerate them with
``SKILLQUIZ_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/cli/test_golden.py`` and read
``git diff tests/golden/`` before committing (see tests/cli/test_golden.py).
"""

from __future__ import annotations

import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from runner import Run, TakeBeta

# The machine running the suite may be busy: a property test is judged by what it finds,
# never by how long one example takes, so no per-example deadline anywhere.
settings.register_profile("skillquiz", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("skillquiz")

BANK_ALPHA = """\
schema: 1
skill:
  id: alpha
  name: Alpha skill
  description: A small bank with every item type.
questions:
  - id: a-self-01
    type: likert
    text: I am good at alpha.
  - id: a-self-02
    type: likert
    text: I often struggle with alpha.
    reverse: true
  - id: a-choice-01
    type: choice
    text: Which is the alpha answer?
    options:
      - {text: Right, credit: 1}
      - {text: Wrong, credit: 0}
      - {text: Half right, credit: 0.5}
    explanation: Right is right.
  - id: a-choice-02
    type: choice
    text: Which colour is the sky on a clear day?
    options:
      - {text: Blue, credit: 1}
      - {text: Green, credit: 0}
  - id: a-multi-01
    type: multi
    text: Which of these are wastes in lean manufacturing?
    options:
      - {text: Waiting, correct: true}
      - {text: Overproduction, correct: true}
      - {text: Training, correct: false}
    explanation: Waiting and overproduction are two of the seven wastes.
  - id: a-num-01
    type: numeric
    text: 1,250 units were made and 50 failed. Defect rate in percent?
    answer: 4
    tolerance: 0.05
    unit: "%"
    explanation: 50 / 1250 = 4%.
  - id: a-order-01
    type: order
    text: Put the lockout steps in order.
    items: [Shut down, Isolate, Lock and tag, Verify]
    explanation: Shut down, isolate, lock and tag, then verify.
"""

BANK_BETA = """\
schema: 1
skill:
  id: beta
  name: Beta skill
questions:
  - id: b-self-01
    type: likert
    text: I am good at beta.
  - id: b-choice-01
    type: choice
    text: Which is the beta answer?
    options:
      - {text: Agree, credit: 1}
      - {text: Disagree, credit: 0}
  - id: b-num-01
    type: numeric
    text: How many minutes in an hour?
    answer: 60
  - id: b-order-01
    type: order
    text: Count up.
    items: [One, Two, Three]
"""


@pytest.fixture(autouse=True)
def skillquiz_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point SKILLQUIZ_HOME at a fresh folder so no test reads or writes a real home, and the
    user cache folder (XDG_CACHE_HOME) too."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SKILLQUIZ_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield home


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """A folder with two small banks (alpha: every item type; beta: four items)."""
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "alpha.yaml").write_text(BANK_ALPHA, encoding="utf-8")
    (folder / "beta.yaml").write_text(BANK_BETA, encoding="utf-8")
    return folder


# PostgreSQL for the storage tests: .ci/run starts a throwaway server and exports its URL.
POSTGRES_ENV = "SKILLQUIZ_TEST_POSTGRES_URL"


def _postgres_server() -> str:
    """The test server's URL, or skip saying why there is none."""
    import os

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_ENV} (.ci/run starts one)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    return url


def _database_url(server: str, name: str) -> str:
    """The server URL with its database replaced by ``name`` (the query, e.g. a socket
    folder as ?host=, is kept)."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    import uuid

    import psycopg

    server = _postgres_server()
    name = f"skillquiz_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _database_url(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The attempts database of a test, on each engine in turn: a SQLite file path or a
    fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "attempts.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def run(request: pytest.FixtureRequest) -> Run:
    """``skillquiz`` in-process; the module's ``cli_runner`` marker sets the width."""
    marker = request.node.get_closest_marker("cli_runner")
    return Run(**marker.kwargs) if marker is not None else Run()


@pytest.fixture
def take_beta(run: Run, bank_dir: Path) -> TakeBeta:
    """The beta bank taken in plain mode with seed 3 (see tests/runner.py)."""
    return TakeBeta(run, bank_dir)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``pg`` every test that reaches PostgreSQL: through ``postgres_url``, or through
    ``database_url`` on its postgresql turn."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("database_url") == "postgresql"
        if "postgres_url" in fixtures or on_postgres:
            item.add_marker(pytest.mark.pg)


# The help cache (tests/cli/test_launch.py, test_help_cache.py).


@pytest.fixture
def help_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """In process, the "run" that keeps a help is ``skillquiz --help``, and starts now,
    after this test's own code files are written (a help drawn by code changed during its
    run is not kept)."""
    from quiz.cli import launch

    monkeypatch.setattr(launch, "STARTED_NS", time.time_ns() + 10**9)
    monkeypatch.setattr(launch, "HELP_ASKED", True)


@pytest.fixture
def drawn_by(tmp_path: Path) -> Iterator[Path]:
    """A module of quiz, loaded, whose source is a file of this test's."""
    source = tmp_path / "drawing.py"
    source.write_text("WIDTH = 78\n")
    module = types.ModuleType("quiz._drawing_for_test")
    module.__file__ = str(source)
    sys.modules[module.__name__] = module
    yield source
    del sys.modules[module.__name__]
