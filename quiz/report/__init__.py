"""The reports: a learner's report as data (``model``, built from an attempt's results in
``build``) and its renderings (JSON, Markdown, HTML, CSV), the cohort report's renderings,
and the HTML templates.

May import ``quiz.classroom``, ``quiz.attempts``, ``quiz.storage``, ``scoring``,
``questions`` and the shared helpers; never the command line, and never click or rich.
"""
