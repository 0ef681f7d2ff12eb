"""Any text or YAML-like structure either loads as a bank or raises the loader's error with
its problems at their places, never another exception (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions import BankLoadError, parse_bank


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_any_text_loads_or_raises_the_loader_error(text: str) -> None:
    try:
        parse_bank(text, "fuzz.yaml")
    except BankLoadError as error:
        assert error.problems, "an error always carries at least one problem"


YAMLISH = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "schema",
                    "skill",
                    "questions",
                    "id",
                    "type",
                    "text",
                    "options",
                    "credit",
                    "items",
                    "answer",
                    "name",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(YAMLISH)
def test_any_structure_loads_or_raises_the_loader_error(data: object) -> None:
    text = json.dumps(data)  # JSON is YAML: shapes close to a bank reach the validator
    try:
        parse_bank(text, "fuzz.yaml")
    except BankLoadError as error:
        assert all(problem.file == "fuzz.yaml" and problem.line >= 1 for problem in error.problems)
