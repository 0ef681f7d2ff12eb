"""``skillquiz`` run in-process through click's CliRunner, as the shared ``run`` and
``take_beta`` fixtures of tests/conftest.py give it to a test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from quiz.cli.main import cli

# beta with seed 3 asks: numeric, order (shown Two/Three/One), likert, choice. These
# replies answer all four right: 60 minutes, the steps in order, Agree, the right option.
BETA_ANSWERED = "60\n3 1 2\n4\n1\n"
BETA_SKIPPED = "s\ns\ns\ns\n"


@dataclass(frozen=True)
class Run:
    """``run("take", "--plain", input="1\\n")``: the command line after ``skillquiz``.

    ``columns`` is the terminal width the CLI sees (None: COLUMNS as the environment has
    it); ``catch_exceptions=False`` lets an unexpected exception fail the test with its
    traceback. A test module sets both with ``pytest.mark.cli_runner(...)``.
    """

    columns: int | None = None
    catch_exceptions: bool = True

    def __call__(self, *args: str, input: str | None = None) -> Result:
        env = {} if self.columns is None else {"COLUMNS": str(self.columns)}
        return CliRunner(env=env).invoke(
            cli, list(args), input=input, catch_exceptions=self.catch_exceptions
        )


@dataclass(frozen=True)
class TakeBeta:
    """``take_beta(replies, *extra)``: the beta bank of tests/conftest.py taken in plain
    mode with seed 3, the replies typed one a line."""

    run: Run
    bank_dir: Path

    def __call__(self, replies: str = BETA_SKIPPED, *extra: str, experience: str = "0") -> Result:
        return self.run(
            "take",
            "--bank-dir",
            str(self.bank_dir),
            "--skill",
            "beta",
            "--seed",
            "3",
            "--experience",
            experience,
            *extra,
            input=replies,
        )
