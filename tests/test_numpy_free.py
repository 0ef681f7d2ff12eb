"""numpy is for calibration alone: taking, showing and reporting a quiz never import it,
and neither does any scoring module but calibration's own."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import scoring
from questions import load_banks
from questions.models import ChoiceItem

CALIBRATION = {
    "scoring.calibration",
    "scoring.calibration_em",
    "scoring.calibration_fractional",
    "scoring.numeric",
}

# Runs the CLI in-process, once per command line given as JSON, then says whether numpy
# was imported at any point.
_PROBE = """
import json, runpy, sys
for argv in json.loads(sys.argv[1]):
    sys.argv = ["skillquiz", *argv]
    try:
        runpy.run_module("quiz", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        if stop.code not in (0, None):
            raise SystemExit(f"{argv[0]} exited {stop.code}")
print("numpy" in sys.modules)
"""


def _probe(commands: list[list[str]], home: Path) -> str:
    env = {**os.environ, "SKILLQUIZ_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(commands)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_take_show_and_report_never_import_numpy(tmp_path: Path) -> None:
    answers = {
        item.id: item.options[0].text
        for bank in load_banks().banks
        for item in bank.bank.questions
        if isinstance(item, ChoiceItem)
    }
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    report = tmp_path / "report.json"
    commands = [
        ["take", "--answers", str(answers_file)],
        ["show"],
        ["report", "--format", "json", "-o", str(report)],
    ]
    assert _probe(commands, tmp_path / "home") == "False"
    assert json.loads(report.read_text(encoding="utf-8"))["skills"]


def test_only_calibration_imports_numpy() -> None:
    names = sorted(
        module.name
        for module in pkgutil.iter_modules(scoring.__path__, "scoring.")
        if module.name not in CALIBRATION
    )
    code = f"import importlib, sys\nfor name in {names!r}:\n    importlib.import_module(name)\n"
    code += "print('numpy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert "scoring.adaptive" in names and "scoring.item_level" in names
