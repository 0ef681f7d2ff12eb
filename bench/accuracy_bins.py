"""Where the levels go wrong, not just how often: interval coverage and mean error by the
true level, and how well p_meets is calibrated (the chance predicted against the share of
people who truly reach the cut), per length. Figures to read, not bars: a posterior mean
is pulled towards the prior's middle at the ends of the scale, and these rows show by how
much.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from simulated_people import CUTS, Record

TRUTH_BINS = ((0.0, 2.0), (2.0, 3.0), (3.0, 4.0), (4.0, 5.0), (5.0, 7.0))
CHANCE_BINS = 10


def by_truth(records: Sequence[Record]) -> list[tuple[str, int, float, float]]:
    """Per true-level bin: its label, people, coverage of the 90% interval (%), and mean
    error (estimate - truth)."""
    rows = []
    for low, high in TRUTH_BINS:
        inside = [r for r in records if r.mean is not None and low <= r.truth < high]
        if not inside:
            continue
        cover = 100 * statistics.fmean(r.low <= r.truth <= r.high for r in inside)
        error = statistics.fmean((r.mean or 0.0) - r.truth for r in inside)
        rows.append((f"{low:g}-{high:g}", len(inside), cover, error))
    return rows


def calibration(records: Sequence[Record]) -> list[tuple[int, float, float]]:
    """p_meets against the truth over every cut: per tenth of the predicted chance, the
    decisions in it, the mean chance predicted, and the share truly at or above the cut.
    A person not measured (every item skipped) has no chances to judge."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for rec in records:
        if rec.mean is None:
            continue
        for cut, chance in zip(CUTS, rec.chances, strict=True):
            index = min(CHANCE_BINS - 1, int(chance * CHANCE_BINS))
            bins.setdefault(index, []).append((chance, rec.truth >= cut))
    return [
        (
            len(pairs),
            statistics.fmean(p for p, _ in pairs),
            statistics.fmean(float(met) for _, met in pairs),
        )
        for _, pairs in sorted(bins.items())
    ]


def print_bins(records: dict[str, list[Record]]) -> None:
    """Both tables for every length."""
    for length, recs in records.items():
        print(f"\n{length}, by true level (people, 90% coverage, mean error):")
        print(
            "  "
            + "; ".join(
                f"{label}: {n:,}, {cover:.0f}%, {error:+.2f}"
                for label, n, cover, error in by_truth(recs)
            )
        )
        print(f"{length}, p_meets calibration (predicted -> observed, decisions):")
        print("  " + "; ".join(f"{p:.2f}->{seen:.2f} ({n:,})" for n, p, seen in calibration(recs)))
