"""Calibration against an independent implementation: mirt's GPCM (MIT; the dev extra,
never a runtime dependency) on the same class's answers. Skipped without mirt."""

from __future__ import annotations

import math
import statistics

import pytest
from calibration_fixtures import simulated_class

from scoring.calibration import calibrate_skill, skill_data

mirt = pytest.importorskip("mirt")
np = pytest.importorskip("numpy")


def test_locations_and_slopes_agree_with_mirt() -> None:
    """Pearson r >= 0.95 for both (seed 20: 0.999 and 0.997). mirt fixes the scale by the
    class (N(0, 1)) and ours by the labels, so the two differ by a line: r ignores it."""
    data = simulated_class(1000)
    categories = skill_data(data.items, data.people)
    counts = [len(floors) for floors in categories.floors]
    fitted = mirt.fit_mirt(
        categories.categories, model="GPCM", n_categories=counts, compute_standard_errors=False
    )
    slopes = np.asarray(fitted.model.parameters["discrimination"], dtype=float)
    steps = np.asarray(fitted.model.parameters["steps"], dtype=float)
    theirs = [float(steps[j, : counts[j] - 1].mean()) for j in range(len(counts))]
    ours = calibrate_skill("x", data.items, data.people).items
    assert statistics.correlation(theirs, [c.params.location for c in ours]) >= 0.95
    assert (
        statistics.correlation(
            [math.log(a) for a in slopes], [math.log(c.params.slope) for c in ours]
        )
        >= 0.95
    )
