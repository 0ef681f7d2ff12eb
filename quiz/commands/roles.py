"""``skillquiz roles``: the roles, salaries and qualifications results are matched against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from scoring import Catalog


def _load(path: Path | None) -> Catalog:
    from questions import InputError
    from quiz.errors import BadInput
    from scoring import load_catalog

    try:
        return load_catalog(path)
    except InputError as error:
        count = len(error.problems)
        listing = "\n".join(str(problem) for problem in error.problems)
        raise BadInput(
            f"{listing}\nthe catalog has {count} problem{'s' if count != 1 else ''}; fix them "
            "and run again"
        ) from None


def _as_data(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a person's script wants it: requirements as a list with level names."""
    roles = []
    for role in catalog.roles:
        roles.append(
            {
                "role": role.id,
                "name": role.name,
                "entry": role.entry,
                "description": role.description,
                "responsibilities": list(role.responsibilities),
                "salary": role.salary.as_result().model_dump(mode="json"),
                "entry_requirements": list(role.entry_requirements),
                "requirements": [
                    {
                        "skill": skill,
                        "name": catalog.skill_name(skill),
                        "required": need.required,
                        "level": catalog.scoring.level_for(need.required),
                        "importance": need.importance,
                    }
                    for skill, need in role.skills.items()
                ],
            }
        )
    certifications = [c.model_dump(mode="json") for c in catalog.certifications]
    return {"roles": roles, "certifications": certifications}


def _entry_routes(catalog: Catalog) -> dict[str, list[str]]:
    """Entry roles grouped by what they ask for, so shared requirements are said once."""
    routes: dict[str, list[str]] = {}
    for role in catalog.roles:
        if role.entry:
            needs = " and ".join(r[0].lower() + r[1:] for r in role.entry_requirements)
            routes.setdefault(needs, []).append(role.name)
    return routes


def _print_tables(catalog: Catalog, console: Console) -> None:
    from rich.table import Table

    skills = [s for s in catalog.skills if any(s in role.skills for role in catalog.roles)]
    table = Table(
        title="Roles: the score each skill needs (its level) and its importance, x1 to x5"
    )
    table.add_column("Role", no_wrap=True)
    table.add_column("Salary")
    table.add_column("Entry")
    for skill in skills:
        table.add_column(catalog.skill_name(skill), justify="right")
    for role in catalog.roles:
        cells = []
        for skill in skills:
            need = role.skills.get(skill)
            if need is None:
                cells.append("-")
            else:
                level = catalog.scoring.level_for(need.required)
                cells.append(f"{need.required:g}\n{level}\nx{need.importance}")
        entry = "yes" if role.entry else "no"
        table.add_row(role.name, role.salary.as_result().describe(), entry, *cells)
    console.print(table)
    for note in dict.fromkeys(role.salary.note for role in catalog.roles):
        console.print(f"Salaries: {note}")
    for needs, names in _entry_routes(catalog).items():
        console.print(f"Entry roles ({', '.join(names)}) ask for {needs}.")
    if not catalog.certifications:
        return
    certs = Table(title="Certifications")
    certs.add_column("Certification")
    certs.add_column("Provider")
    certs.add_column("Type")
    certs.add_column("Duration")
    certs.add_column("Focus")
    certs.add_column("Leads towards")
    for cert in catalog.certifications:
        provider = f"{cert.provider} ({cert.country})" if cert.country else cert.provider
        towards = ", ".join(catalog.role_by_id[r].name for r in cert.roles)
        certs.add_row(
            cert.name,
            provider,
            cert.type,
            cert.duration or "-",
            ", ".join(cert.focus),
            towards or "-",
        )
    console.print(certs)


@click.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="json prints {roles: [...], certifications: [...]}.",
)
@click.option(
    "--catalog",
    "catalog_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Use this catalog file instead of the built-in one.",
)
def roles(output_format: str, catalog_path: Path | None) -> None:
    """List the roles your results are matched against: salaries (with their caveat), the
    score each role needs per skill, and the certifications that lead there.

    \b
    Examples:
      skillquiz roles
      skillquiz roles --format json
      skillquiz roles --catalog my-catalog.yaml
    """
    catalog = _load(catalog_path)
    if output_format == "json":
        click.echo(json.dumps(_as_data(catalog), indent=2))
        return
    from quiz.console import make_console

    _print_tables(catalog, make_console())
