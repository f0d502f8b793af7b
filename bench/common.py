"""What the benchmarks share: a throw-away Django set-up and request timing."""

from __future__ import annotations

import os
import time


def setup_django(data_dir: str, *, tasks_backend: str | None = None) -> None:
    """Django on a throw-away data directory (SQLite there unless DATABASE_URL is set)."""
    os.environ["QINGSHAN_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "qingshan.settings"
    if tasks_backend:
        os.environ["QINGSHAN_TASKS_BACKEND"] = tasks_backend
    os.environ.setdefault("QINGSHAN_LOG_LEVEL", "ERROR")
    import django

    django.setup()


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between the closest ranks."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_requests(client, url: str, n: int) -> list[float]:
    """Seconds for each of n GETs of url through Django's test client, after one warm-up."""
    client.get(url)  # warm caches and template loading
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return times
