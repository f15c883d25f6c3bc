"""Small timing helpers: medians and percentiles over repeated runs (these machines are shared and noisy)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    samples: int
    median_ms: float
    p95_ms: float
    max_ms: float


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_each(inputs: Sequence[object], run: Callable[[object], object], warmup: int = 5) -> Timing:
    for item in inputs[:warmup]:
        run(item)
    durations = []
    for item in inputs:
        started = time.perf_counter()
        run(item)
        durations.append((time.perf_counter() - started) * 1000)
    return Timing(len(durations), statistics.median(durations), percentile(durations, 0.95), max(durations))
