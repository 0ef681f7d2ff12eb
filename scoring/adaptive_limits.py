"""How many practical questions an adaptive quiz asks of a skill, as plain numbers.

Standard library only: the command line names the cap in its ``--length`` help, which
must not load the scoring models to show; scoring.adaptive, which applies these, and
quiz.attempts.lengths both take them from here.
"""

from __future__ import annotations

# At least 4 and at most 14 demonstrated items a skill: 14 is the standard quiz's count,
# so an adaptive quiz never asks more; PROMIS's adaptive tests ask 4-12.
MIN_ITEMS = 4
MAX_ITEMS = 14
# Without calibration: at least 8 (see scoring.adaptive's docstring; bench/cat.py
# measures it).
UNCALIBRATED_MIN_ITEMS = 8
