"""One attempt: the lengths a quiz comes in, the draw, the session that saves each answer,
the take workflow, scoring a stored attempt, grading it into the summary storage keeps, and
comparing two attempts.

May import ``quiz.storage``, ``scoring``, ``questions`` and the shared helpers; never the
command line, reports or classroom, and never click. Kept free of imports itself, so
``quiz.attempts.lengths`` loads without pydantic for ``--help``.
"""
