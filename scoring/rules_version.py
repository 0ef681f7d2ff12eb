"""The version of the scoring rules, kept beside every stored summary of an attempt.

Whoever changes what scoring concludes from the same answers (a score, a standard error, a
status, a role's fit, the order of roles, a suggestion or its reason) bumps it: summaries
stored under another version are then recomputed when next read, never shown stale.

History: "1" blended self-ratings into the score and broke ties by salary; "2" scores
demonstrated items only, judges requirements with their standard error, anchors roles in
O*NET 29.3 and orders them by experience.
"""

RULES_VERSION = "2"
