"""Everything a person touches, one sub-package per part, each importing only those below it:

- ``quiz.cli``: the command line (click, prompts, plain mode, terminal rendering).
- ``quiz.report``: a learner's report and a class's cohort report, with their templates.
- ``quiz.classroom``: a class's attempts (import of reports, aggregates, item statistics,
  cohort).
- ``quiz.attempts``: one attempt (draw, session, take workflow, grading, comparison).
- ``quiz.storage``: the attempts database (SQLite or PostgreSQL).
- ``quiz.gift``: Moodle GIFT in and out, beside the rest (it imports only ``questions``).

Shared by all: ``quiz.errors`` (the error family and exit codes), ``quiz.safetext`` (text
from outside made safe to print) and ``quiz.files`` (atomic file writing). The rules are
import-linter contracts in pyproject.toml.
"""

# The package's version (pyproject.toml reads it from here), printed by --version.
__version__ = "0.1.0"
