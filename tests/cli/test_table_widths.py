"""quiz.cli.table_widths computes what rich computes, compared with rich's own functions:
some of their inputs (a share's minimum of 0, a measurement's minimum) never come from the
tables the port lays out, but the functions stand for rich's and say so."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st
from rich import measure
from rich._ratio import ratio_distribute as rich_ratio_distribute

from quiz.cli.table_widths import Measurement, ratio_distribute

SIZE = st.integers(min_value=-3, max_value=40)


@given(
    total=st.integers(min_value=0, max_value=200),
    shares=st.lists(
        st.tuples(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=6)),
        min_size=1,
        max_size=8,
    ),
    with_minimums=st.booleans(),
)
def test_ratio_distribute_is_rich(
    total: int, shares: list[tuple[int, int]], with_minimums: bool
) -> None:
    ratios = [ratio for ratio, _ in shares]
    minimums = [minimum for _, minimum in shares] if with_minimums else None
    assume(sum(ratio for ratio, minimum in shares if minimum or minimums is None) > 0)
    assert ratio_distribute(total, ratios, minimums) == rich_ratio_distribute(
        total, ratios, minimums
    )


def test_a_share_of_minimum_zero_gets_nothing_of_its_ratio() -> None:
    assert ratio_distribute(10, [1, 1], [0, 2]) == rich_ratio_distribute(10, [1, 1], [0, 2])
    assert ratio_distribute(10, [1, 1], [0, 2]) == [0, 10]


@given(minimum=SIZE, maximum=SIZE, width=SIZE)
def test_a_measurement_is_rich(minimum: int, maximum: int, width: int) -> None:
    ours = Measurement(minimum, maximum)
    theirs = measure.Measurement(minimum, maximum)
    assert tuple(ours.with_minimum(width)) == tuple(theirs.with_minimum(width))
    assert tuple(ours.with_maximum(width)) == tuple(theirs.with_maximum(width))
    assert tuple(ours.normalize()) == tuple(theirs.normalize())
