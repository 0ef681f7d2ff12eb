"""rich's arithmetic of column widths, for quiz.cli.plain_table: ``Measurement`` (rich.measure),
``Table._collapse_widths`` (rich.table) and ``ratio_reduce``/``ratio_distribute``
(rich._ratio), as rich 15 has them, so a table laid out without rich takes the very widths
rich gives it."""

from __future__ import annotations

from math import ceil
from typing import NamedTuple


class Measurement(NamedTuple):
    """rich.measure.Measurement: the fewest and the most columns a cell takes."""

    minimum: int
    maximum: int

    def normalize(self) -> Measurement:
        minimum = min(max(0, self.minimum), self.maximum)
        return Measurement(max(0, minimum), max(0, max(minimum, self.maximum)))

    def with_maximum(self, width: int) -> Measurement:
        return Measurement(min(self.minimum, width), min(self.maximum, width))

    def with_minimum(self, width: int) -> Measurement:
        width = max(0, width)
        return Measurement(max(self.minimum, width), max(self.maximum, width))


def collapse_widths(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """``Table._collapse_widths``: the widest wrapable columns narrowed, in turn, until the
    widths fit ``max_width`` or no wrapable column is left wider than the others."""
    total_width = sum(widths)
    excess_width = total_width - max_width
    if any(wrapable):
        while total_width and excess_width > 0:
            max_column = max(
                width for width, allow_wrap in zip(widths, wrapable, strict=True) if allow_wrap
            )
            second_max_column = max(
                width if allow_wrap and width != max_column else 0
                for width, allow_wrap in zip(widths, wrapable, strict=True)
            )
            column_difference = max_column - second_max_column
            ratios = [
                (1 if (width == max_column and allow_wrap) else 0)
                for width, allow_wrap in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not column_difference:
                break
            max_reduce = [min(excess_width, column_difference)] * len(widths)
            widths = ratio_reduce(excess_width, ratios, max_reduce, widths)
            total_width = sum(widths)
            excess_width = total_width - max_width
    return widths


def ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    """``rich._ratio.ratio_reduce``: ``total`` taken from ``values`` in proportion to
    ``ratios``, no more than each maximum from each."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    total_remaining = total
    result: list[int] = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * total_remaining / total_ratio))
            result.append(value - distributed)
            total_remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def ratio_distribute(total: int, ratios: list[int], minimums: list[int] | None = None) -> list[int]:
    """``rich._ratio.ratio_distribute``: ``total`` shared in proportion to ``ratios``, each
    share at least its minimum."""
    if minimums:
        ratios = [ratio if minimum else 0 for ratio, minimum in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    assert total_ratio > 0, "Sum of ratios must be > 0"
    total_remaining = total
    distributed_total: list[int] = []
    for ratio, minimum in zip(ratios, minimums or [0] * len(ratios), strict=True):
        if total_ratio > 0:
            distributed = max(minimum, ceil(ratio * total_remaining / total_ratio))
        else:
            distributed = total_remaining
        distributed_total.append(distributed)
        total_ratio -= ratio
        total_remaining -= distributed
    return distributed_total
