"""A class's attempts: learners' reports imported, stored credits added up, item statistics
(Moodle's figures) and the cohort's view of scores, calibration and readiness.

May import ``quiz.attempts``, ``quiz.storage``, ``scoring``, ``questions`` and the shared
helpers; never the command line or reports, and never click.
"""
