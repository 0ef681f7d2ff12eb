"""The repository stands on its own: no text in it points a reader at a file outside it,
since whoever reads the code, the catalog or the docs has only the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("questions", "scoring", "quiz", "tests", "bench", "docs")
SUFFIXES = {".py", ".yaml", ".md", ".j2", ".css", ".toml", ".txt"}
# Paths that lead out of the repository, and a design note that only lives outside it.
OUTSIDE = ("../shared", "/work/", "DESIGN.md")


def _texts() -> list[Path]:
    files = [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    files += [ROOT / "pyproject.toml"]
    for folder in FOLDERS:
        files += [p for p in sorted((ROOT / folder).rglob("*")) if p.suffix in SUFFIXES]
    return [path for path in files if path != Path(__file__).resolve()]


def test_no_text_points_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _texts()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(outside in line for outside in OUTSIDE)
    ]
    assert found == []
