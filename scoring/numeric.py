"""numpy as calibration uses it: on one thread, imported through here alone.

Calibration's arrays are small (a class of 10,000 learners by 30 items by 70 grid
points): a matrix product takes well under a millisecond on one core, while OpenBLAS's
threads, waiting on each other for a core that other work holds, made the same product
100-200 times slower on this 2-core machine under load (bench/calibrate_scale.py). So the
thread count is set before numpy loads, unless the caller set one. Nothing on the path of
taking, showing or reporting a quiz imports this module.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# The thread count must be set before these run.
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

__all__ = ["BoolArray", "FloatArray", "IntArray", "NDArray", "np"]
