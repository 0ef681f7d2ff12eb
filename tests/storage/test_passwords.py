"""A database password is never printed: not in a URL's user part, not as ?password=, not
quoted back by the PostgreSQL client library, not in a URL it cannot read."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from quiz.cli.main import cli
from quiz.safetext import hide_passwords, in_message
from quiz.storage.dialects import shown_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db/class", "postgresql://ann:***@db/class"),
        ("postgresql://ann@db/class?password=s3cret", "postgresql://ann@db/class?password=***"),
        (
            "postgresql:///class?host=/run/pg&password=s3cret&sslmode=require",
            "postgresql:///class?host=/run/pg&password=***&sslmode=require",
        ),
        ("postgresql://ann@db/c?PASSWORD=s3cret", "postgresql://ann@db/c?PASSWORD=***"),
        ("postgresql://ann@db/c?sslpassword=s3cret", "postgresql://ann@db/c?sslpassword=***"),
        ("postgresql://ann:s3/c@r@et@db/class", "postgresql://ann:***@db/class"),
        ("postgresql://ann@[db/class?password=s3cret", "postgresql://ann@[db/class?password=***"),
        ("host=/run/pg password='s3 cret' dbname=c", "host=/run/pg password=*** dbname=c"),
        ("postgresql://ann@db/class?sslmode=require", "postgresql://ann@db/class?sslmode=require"),
        ("postgresql:///class?host=/tmp/x", "postgresql:///class?host=/tmp/x"),
    ],
)
def test_every_form_of_password_is_hidden(url: str, shown: str) -> None:
    assert shown_url(url) == hide_passwords(url) == shown


def test_a_message_hides_the_password_and_keeps_what_follows() -> None:
    assert in_message(
        "cannot use the attempts database postgresql://a@h/d?password=pw:1: no route"
    ) == ("cannot use the attempts database postgresql://a@h/d?password=***: no route")


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("&password=s3cret", "connection failed: connection to server on socket"),
        ("&password=s3cret&bogus=1", 'invalid URI query parameter: "bogus"'),
        ("&sslpassword=s3cret", "connection failed: connection to server on socket"),
    ],
)
def test_commands_never_print_a_password_given_in_the_query(
    postgres_url: str, query: str, reason: str
) -> None:
    wrong = postgres_url.replace("/skillquiz_test_", "/missing_") + query
    result = CliRunner().invoke(cli, ["history", "--database", wrong])
    assert result.exit_code == 1
    assert "s3cret" not in result.output
    masked = wrong.replace("s3cret", "***")
    assert result.stderr.startswith(
        f"Error: cannot connect to the attempts database {masked}: {reason}"
    )
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ann:s3%zzcret@/class?host=/nowhere",  # quoted back by libpq
        "postgresql://ann@[db/class?password=s3cret",  # not a URL urllib can read
    ],
)
def test_a_url_the_client_cannot_read_is_one_line_without_its_password(url: str) -> None:
    pytest.importorskip("psycopg")
    result = CliRunner().invoke(cli, ["history", "--database", url])
    assert result.exit_code == 1
    assert "s3" not in result.output and "internal error" not in result.output
    assert result.stderr.startswith("Error: cannot connect to the attempts database postgresql")
    assert result.stderr.count("\n") == 1
