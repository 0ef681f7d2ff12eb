"""The version of the scoring rules, kept beside every stored summary of an attempt.

Whoever changes what scoring concludes from the same answers (a score, a standard error, a
role's fit, the order of roles) bumps it: summaries stored under another version are then
recomputed when next read, never shown stale.
"""

RULES_VERSION = "1"
