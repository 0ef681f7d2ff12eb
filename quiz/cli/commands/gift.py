"""``skillquiz gift``: bring Moodle GIFT questions into a bank, and banks out to GIFT.

The work is done in quiz.gift (no click there); this module turns options into calls and
results into lines and exit codes.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from quiz.cli.options import OutputFile, bank_dir_option
from quiz.errors import EXIT_USAGE, BadInput, plural
from quiz.safetext import in_message, visible

_SKILL_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@click.group()
def gift() -> None:
    """Import and export Moodle GIFT questions.

    \b
    Examples:
      skillquiz gift import questions.gift --skill forklift_safety -o forklift_safety.yaml
      skillquiz gift export --skill data_analysis -o data_analysis.gift
    """


def _check_output(path: Path | None, force: bool) -> None:
    """Refuse an output that cannot be written before any work is done (exit 2); a device
    or standard output (``-o /dev/stdout``) is written through, never "already there"."""
    from quiz.files import link_to_nothing, missing_target, writes_through

    if path is None or writes_through(path):
        return
    try:
        if not path.parent.is_dir():
            raise BadInput(f"cannot write {path}: there is no folder {path.parent}")
        target = missing_target(path)
        if target is not None and not force:
            raise link_to_nothing(path, target)
        if path.exists() and not force:
            raise BadInput(f"{path} already exists; add --force to replace it")
    except OSError as error:
        raise BadInput(f"cannot write {path}: {error.strerror or error}") from None


def _skill_id(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not _SKILL_ID.fullmatch(value):
        raise click.BadParameter(
            "a skill id is snake_case: lower-case letters and digits joined by _ "
            "(e.g. forklift_safety)"
        )
    return value


def _skill_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The skill's name as a bank holds it: one line, no control or invisible characters."""
    if value is None:
        return None
    from pydantic import TypeAdapter, ValidationError

    from questions.models import Name

    try:
        return TypeAdapter(Name).validate_python(value)
    except ValidationError as error:
        message = error.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
        raise click.BadParameter(message) from None


@gift.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--skill", "skill_id", required=True, callback=_skill_id, help="The bank's skill id.")
@click.option(
    "--name", callback=_skill_name, help="The skill's name as people see it (default: from the id)."
)
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    help="Write the bank here (default: print it).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_gift(
    files: tuple[Path, ...], skill_id: str, name: str | None, output: Path | None, force: bool
) -> None:
    """Convert GIFT files into one question bank (YAML) for the skill given.

    Titles become ids, $CATEGORY a tag, general feedback the explanation. Essay and
    description questions cannot be scored and are skipped with a warning. Problems are
    listed as FILE:LINE:COL: message; the other questions are still converted. Exits 2
    when nothing could be imported.

    \b
    Examples:
      skillquiz gift import week1.gift week2.gift --skill forklift_safety -o forklift.yaml
      skillquiz validate forklift.yaml
    """
    from quiz.errors import RuntimeFailure
    from quiz.gift import ImportFailure, import_files

    _check_output(output, force)
    try:
        result = import_files(list(files), skill_id, name)
    except ImportFailure as error:
        raise RuntimeFailure(f"cannot import: {error}") from None
    for problem in sorted([*result.problems, *result.warnings]):
        click.echo(in_message(str(problem)), err=True)
    if result.bank_text is None:
        click.echo(result.refused or "Nothing could be imported.", err=True)
        raise SystemExit(EXIT_USAGE)
    if output is None:
        click.echo(visible(result.bank_text), nl=False)
    else:
        from quiz.files import write_output

        write_output(output, result.bank_text, force=force)
    skipped = f", {plural(result.skipped, 'question')} skipped" if result.skipped else ""
    where = f" into {output}" if output is not None else ""
    click.echo(f"Imported {plural(result.imported, 'question')}{where}{skipped}.", err=True)


@gift.command(name="export")
@bank_dir_option
@click.option("--skill", "skills", multiple=True, help="Only this skill (repeatable).")
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    help="Write the GIFT here (default: print it).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export_gift(
    bank_dirs: tuple[Path, ...], skills: tuple[str, ...], output: Path | None, force: bool
) -> None:
    """Write question banks as GIFT, for Moodle's question bank import.

    Self-ratings are left out (GIFT has no scale question); order items become matching
    questions (each step to its position); exhibits go into the question as preformatted
    HTML; difficulty, level, tags and units go into a // comment that gift import reads back.

    \b
    Examples:
      skillquiz gift export -o skillquiz.gift
      skillquiz gift export --bank-dir my-banks/ --skill forklift_safety -o forklift.gift
    """
    from quiz.cli.options import load_banks_or_exit
    from quiz.gift import export_banks

    _check_output(output, force)
    bank_set = load_banks_or_exit(bank_dirs)
    known = {skill.id for skill in bank_set.skills}
    unknown = [skill for skill in skills if skill not in known]
    if unknown:
        raise BadInput(
            f"no bank for skill {unknown[0]!r}; the skills are {', '.join(sorted(known))}"
        )
    banks = [loaded.bank for loaded in bank_set.banks if not skills or loaded.skill.id in skills]
    exported = export_banks(banks)
    if output is None:
        click.echo(visible(exported.text), nl=False)
    else:
        from quiz.files import write_output

        write_output(output, exported.text, force=force)
    for note in exported.notes:
        click.echo(note, err=True)
    where = f" to {output}" if output is not None else ""
    click.echo(f"Exported {plural(exported.count, 'question')}{where}.", err=True)
