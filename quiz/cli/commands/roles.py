"""``skillquiz roles``: the roles, salaries and qualifications results are matched against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quiz.cli.options import listing_format_option

if TYPE_CHECKING:
    from rich.console import Console

    from scoring import Catalog


def _load(path: Path | None) -> Catalog:
    from questions import InputError
    from quiz.errors import invalid_input
    from scoring import load_catalog

    try:
        return load_catalog(path)
    except InputError as error:
        raise invalid_input(error.problems, "the catalog has", "fix and run again") from None


def _as_data(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a person's script wants it: requirements as a list, each with the band
    its O*NET level falls in."""
    roles = []
    for role in catalog.roles:
        roles.append(
            {
                "role": role.id,
                "name": role.name,
                "onet_code": role.onet_code,
                "job_zone": role.job_zone,
                "entry": role.entry,
                "min_experience_years": role.min_experience_years,
                "not_measured": list(role.not_measured),
                "description": role.description,
                "responsibilities": list(role.responsibilities),
                "salary": catalog.salary(role).model_dump(mode="json"),
                "entry_requirements": list(role.entry_requirements),
                "requirements": [
                    {
                        "skill": skill,
                        "name": catalog.skill_name(skill),
                        "required_level": need.level,
                        "band": catalog.scoring.band_for(need.level),
                        "importance": need.importance,
                    }
                    for skill, need in role.skills.items()
                ],
            }
        )
    certifications = [c.model_dump(mode="json") for c in catalog.certifications]
    return {"roles": roles, "certifications": certifications, "sources": catalog.sources}


def _entry_routes(catalog: Catalog) -> dict[str, list[str]]:
    """Entry roles grouped by what they ask for, so shared requirements are said once."""
    routes: dict[str, list[str]] = {}
    for role in catalog.roles:
        if role.entry:
            needs = " and ".join(r[0].lower() + r[1:] for r in role.entry_requirements)
            routes.setdefault(needs, []).append(role.name)
    return routes


def _print_tables(catalog: Catalog, console: Console) -> None:
    """One block per role and certification: reads at 80 columns, in a pipe and on paper."""
    from rich.text import Text

    from quiz.cli.console import print_styled_wrapped, print_wrapped

    def indented(text: str) -> None:
        print_wrapped(console, text, indent=2)

    from scoring.wording import years

    console.print(
        Text.assemble(
            ("Roles", "bold"),
            " (O*NET level needed per skill, 0-7, its band, and its importance x1-x5)",
        )
    )
    for role in catalog.roles:
        console.print(
            Text.assemble("\n", (role.name, "bold"), ("  entry role" if role.entry else "", "dim"))
        )
        indented(f"Salary: {catalog.salary(role).describe()}")
        if role.description:
            indented(role.description)
        code = f"O*NET-SOC {role.onet_code}; " if role.onet_code else ""
        indented(
            f"{code}Job Zone {role.job_zone}; experience needed: {years(role.min_experience_years)}"
        )
        bls = catalog.salary(role).bls
        if bls is not None:
            indented(bls.describe())
        needs = [
            f"{catalog.skill_name(skill)} {need.level:g} "
            f"({catalog.scoring.band_for(need.level)}, x{need.importance:g})"
            for skill, need in role.skills.items()
        ]
        indented("Needs: " + "; ".join(needs))
        indented("Not measured by the quiz: " + "; ".join(role.not_measured))
    console.print()
    salaries = catalog.salaries
    print_wrapped(console, f"Salaries: {salaries.source}, dated {salaries.dated}: {salaries.note}")
    for needs_text, names in _entry_routes(catalog).items():
        print_wrapped(console, f"Entry roles ({', '.join(names)}) ask for {needs_text}.")
    for source in catalog.sources:
        print_wrapped(console, source, style="dim")
    if not catalog.certifications:
        return
    console.print(Text.assemble("\n", ("Certifications", "bold")))
    for cert in catalog.certifications:
        provider = f"{cert.provider} ({cert.country})" if cert.country else cert.provider
        duration = f", {cert.duration}" if cert.duration else ""
        heading = Text.assemble((cert.name, "bold"), f"  {provider}, {cert.type}{duration}")
        console.print()
        print_styled_wrapped(console, heading, hanging=2)
        indented(f"Focus: {', '.join(cert.focus)}")
        towards = ", ".join(catalog.role_by_id[r].name for r in cert.roles)
        if towards:
            indented(f"Leads towards: {towards}")


@click.command()
@listing_format_option("table", "json prints {roles: [...], certifications: [...]}.")
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
    from quiz.cli.console import make_console

    _print_tables(catalog, make_console())
