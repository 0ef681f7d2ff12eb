"""``skillquiz roles``: the roles, salaries and qualifications results are matched against."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quiz.cli.options import listing_format_option

if TYPE_CHECKING:
    from quiz.cli.screen import Screen
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
    from questions.record import to_data

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
                "salary": to_data(catalog.salary(role)),
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
    certifications = [to_data(c) for c in catalog.certifications]
    return {"roles": roles, "certifications": certifications, "sources": catalog.sources}


def _entry_routes(catalog: Catalog) -> dict[str, list[str]]:
    """Entry roles grouped by what they ask for, so shared requirements are said once."""
    routes: dict[str, list[str]] = {}
    for role in catalog.roles:
        if role.entry:
            needs = " and ".join(r[0].lower() + r[1:] for r in role.entry_requirements)
            routes.setdefault(needs, []).append(role.name)
    return routes


def _view(catalog: Catalog) -> dict[str, Any]:
    """Everything the table prints, as text laid out from the catalog, so the table can be
    printed from the cache of what the catalog gave (no YAML, no pydantic)."""
    from scoring.wording import years

    roles = []
    for role in catalog.roles:
        salary = catalog.salary(role)
        code = f"O*NET-SOC {role.onet_code}; " if role.onet_code else ""
        experience = years(role.min_experience_years)
        needs = [
            f"{catalog.skill_name(skill)} {need.level:g} "
            f"({catalog.scoring.band_for(need.level)}, x{need.importance:g})"
            for skill, need in role.skills.items()
        ]
        lines = [
            # Every role's figure is the catalog's one source, named once in the notes.
            f"Salary: {salary.amount()}",
            *([role.description] if role.description else []),
            f"{code}Job Zone {role.job_zone}; experience needed: {experience}",
            *([salary.bls.describe()] if salary.bls is not None else []),
            "Needs: " + "; ".join(needs),
            "Not measured by the quiz: " + "; ".join(role.not_measured),
        ]
        roles.append({"name": role.name, "entry": role.entry, "lines": lines})
    salaries = catalog.salaries
    notes = [f"Salaries: {salaries.source}, dated {salaries.dated}: {salaries.note}"]
    for needs_text, names in _entry_routes(catalog).items():
        notes.append(f"Entry roles ({', '.join(names)}) ask for {needs_text}.")
    certifications = []
    for cert in catalog.certifications:
        provider = f"{cert.provider} ({cert.country})" if cert.country else cert.provider
        duration = f", {cert.duration}" if cert.duration else ""
        towards = ", ".join(catalog.role_by_id[r].name for r in cert.roles)
        lines = [f"Focus: {', '.join(cert.focus)}"]
        if towards:
            lines.append(f"Leads towards: {towards}")
        certifications.append(
            {"name": cert.name, "detail": f"  {provider}, {cert.type}{duration}", "lines": lines}
        )
    return {
        "roles": roles,
        "notes": notes,
        "sources": list(catalog.sources),
        "certifications": certifications,
    }


def _print_tables(view: dict[str, Any], console: Screen) -> None:
    """One block per role and certification: reads at 80 columns, in a pipe and on paper."""
    from quiz.cli.console import print_styled_wrapped, print_wrapped
    from quiz.cli.screen import styled

    def indented(text: str) -> None:
        print_wrapped(console, text, indent=2)

    console.print(
        styled(
            ("Roles", "bold"),
            " (O*NET level needed per skill, 0-7, its band, and its importance x1-x5)",
        )
    )
    for role in view["roles"]:
        entry = ("  entry role" if role["entry"] else "", "dim")
        console.print(styled("\n", (role["name"], "bold"), entry))
        for line in role["lines"]:
            indented(line)
    console.print()
    for note in view["notes"]:
        print_wrapped(console, note)
    for source in view["sources"]:
        print_wrapped(console, source, style="dim")
    if not view["certifications"]:
        return
    console.print(styled("\n", ("Certifications", "bold")))
    for cert in view["certifications"]:
        console.print()
        print_styled_wrapped(console, styled((cert["name"], "bold"), cert["detail"]), hanging=2)
        for line in cert["lines"]:
            indented(line)


def _laid_out(path: Path | None) -> dict[str, Any]:
    """The catalog as ``--format json`` prints it ("data") and as the table shows it
    ("view"), from the cache of what the same catalog file gave before when it holds it.

    A catalog with problems is never cached: ``_load`` reads it again and reports them.
    """
    from quiz.cli.file_cache import Entry, read_files

    target = path if path is not None else _builtin_path()
    files = read_files([target])
    if files is None:
        catalog = _load(path)
        return {"data": _as_data(catalog), "view": _view(catalog)}
    entry = Entry("roles", files, ("quiz.cli.commands.roles",))
    payload = entry.read()
    if payload is not None:
        try:
            kept = json.loads(payload)
            if isinstance(kept, dict) and {"data", "view"} <= kept.keys():
                return kept
        except ValueError:
            pass  # a damaged entry is a miss
    catalog = _parsed(files[0], path)
    laid_out = {"data": _as_data(catalog), "view": _view(catalog)}
    entry.write(json.dumps(laid_out).encode())
    return laid_out


def _builtin_path() -> Path:
    """scoring/catalog.yaml, found without importing scoring.catalog."""
    import scoring

    return Path(scoring.__file__).parent / "catalog.yaml"


def _parsed(file: tuple[str, bytes], path: Path | None) -> Catalog:
    """The catalog from the very bytes the cache key was made from (a file changed since
    would otherwise be cached under its old bytes); on any problem, read as ever."""
    from questions import InputError
    from scoring import parse_catalog

    name, data = file
    try:
        return parse_catalog(data.decode("utf-8-sig"), name)
    except (UnicodeDecodeError, InputError):
        return _load(path)


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
    laid_out = _laid_out(catalog_path)
    if output_format == "json":
        click.echo(json.dumps(laid_out["data"], indent=2))
        return
    from quiz.cli.console import make_console

    _print_tables(laid_out["view"], make_console())
