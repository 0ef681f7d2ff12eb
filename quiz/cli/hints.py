"""Commands printed as hints ("resume with skillquiz take --resume 3") that work as printed.

A command run with ``--database URL`` keeps its attempts somewhere other than the default
file; a hint that left the option out would open the default file instead, where the
attempt is not. So every command a message names, among those that read or write attempts,
gets the ``--database`` this run was given on its command line, with any password masked
(a message may end up in a log or on a projector). A database given by
SKILLQUIZ_DATABASE_URL needs nothing: the variable applies to the hint as well.
"""

from __future__ import annotations

import re

import click

# The commands that take --database: only these get it added.
DATABASE_COMMANDS = frozenset(
    {"take", "practice", "history", "show", "report", "compare", "import", "stats", "cohort"}
    | {"calibrate"}
)
_META_KEY = "skillquiz.database"
# A command as written in a message, as quiz.cli.console keeps it whole when wrapping: the
# command name, then options, numbers and file names.
# Both compiled by ``re`` on first use, not on every start.
_COMMAND = r"skillquiz (?P<name>[a-z]+)\b(?: (?:--?[a-z][\w-]*|\d+|[\w/~-]+\.[a-z]+))*"
_QUERY_PASSWORD = r"(?i)([?&]password=)[^&#]*"


def remember_database(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The ``--database`` option's callback: note the value when it was typed on the
    command line (the contexts of one run share ``meta``, so the error handler of the
    group sees it too)."""
    from click.core import ParameterSource

    if value and param.name and ctx.get_parameter_source(param.name) == ParameterSource.COMMANDLINE:
        ctx.meta[_META_KEY] = value
    return value


def given_database(ctx: click.Context | None = None) -> str | None:
    """The database this run was given with ``--database``, if any."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return None
    value = ctx.meta.get(_META_KEY)
    return value if isinstance(value, str) else None


def masked(url: str) -> str:
    """A database as a hint shows it: a password in ``user:pw@`` or ``?password=`` as ***."""
    from quiz.safetext import hide_passwords

    return re.sub(_QUERY_PASSWORD, r"\1***", hide_passwords(url))


def with_database(text: str, ctx: click.Context | None = None) -> str:
    """``text`` with ``--database`` added to every command in it that takes one, when this
    run was given one; otherwise ``text`` unchanged."""
    database = given_database(ctx)
    if database is None or "skillquiz " not in text or "--database" in text:
        return text
    import shlex  # on use: most runs print no hint

    option = f" --database {shlex.quote(masked(database))}"

    def add(match: re.Match[str]) -> str:
        if match.group("name") not in DATABASE_COMMANDS:
            return match.group()
        return match.group() + option

    return re.sub(_COMMAND, add, text)
