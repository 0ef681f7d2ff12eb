"""The version of the scoring rules, kept beside every stored summary of an attempt.

Whoever changes what scoring concludes from the same answers (a level, its interval, a
status, the order of roles, a suggestion or its reason) bumps it: summaries stored under
another version are then recomputed when next read, never shown stale.

History: "1" blended self-ratings into the score and broke ties by salary; "2" scores
demonstrated items only, judges requirements with their standard error, anchors roles in
O*NET 29.3 and orders them by experience; "3" reports levels on O*NET's 0-7 scale from an
item response model (skips carry no evidence), judges requirements by the chance of
meeting them, and ranks roles as an adviser would, without a fit figure; "4" gives a
definite status only when the skill's skipped questions could not overturn it (met still
met with them guessed, to build still to build with them known).
"""

RULES_VERSION = "4"
