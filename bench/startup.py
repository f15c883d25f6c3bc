"""Cold start of `motcua --help`, against a bare Python start on the same machine."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.measure import percentile


def _median_ms(argv: list[str], runs: int) -> tuple[float, float]:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        durations.append((time.perf_counter() - started) * 1000)
    return statistics.median(durations), percentile(durations, 0.95)


def run(runs: int = 15) -> dict[str, float]:
    help_median, help_p95 = _median_ms([sys.executable, "-m", "app", "--help"], runs)
    bare_median, _ = _median_ms([sys.executable, "-c", "pass"], runs)
    return {"help_median_ms": help_median, "help_p95_ms": help_p95, "python_median_ms": bare_median}
