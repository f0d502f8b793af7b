"""The public home page under load: 50 concurrent clients against a real server.

    .venv/bin/python bench/bench_portal.py [--clients 50] [--seconds 20] [--workers 4]

Prepares a throw-away database (SQLite, or DATABASE_URL — the figure in bench/README.md is on
PostgreSQL) with the Hangzhou plan and four years of simulated reports, monitoring data and
assessment runs, starts gunicorn on it, and has N client threads request pages in a loop for
the given time.  Prints p50/p95 latency and throughput for the home page, against the login
page (a plain page of the same server, same middleware, no data) measured the same way in the
same run, and the number of failed requests (which must be zero).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import percentile

ROOT = Path(__file__).resolve().parents[1]
QINGSHAN = str(ROOT / ".venv/bin/qingshan")


def prepare(env: dict[str, str]) -> None:
    steps = [
        ["migrate", "--no-input", "-v0"],
        ["plan", "load", str(ROOT / "src/qingshan/plans_data/hangzhou-2019.yaml")],
        ["demo_accounts"],
        ["demo_reports"],
        ["demo_monitoring"],
        ["demo_assessment"],
        ["collectstatic", "--no-input", "-v0"],
    ]
    for step in steps:
        started = time.perf_counter()
        subprocess.run([QINGSHAN, *step], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"  {' '.join(step[:2])}: {time.perf_counter() - started:.1f} s", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port: int, path: str, clients: int, seconds: float) -> tuple[list[float], int]:
    times: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        nonlocal failures
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            times.extend(mine)
            failures += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QINGSHAN_DATA_DIR": tmp,
            "QINGSHAN_TASKS_BACKEND": "immediate",
            "QINGSHAN_DEBUG": "0",
            "QINGSHAN_SECRET_KEY": "bench-only-not-secret",
            "QINGSHAN_SSL_REDIRECT": "0",
            "QINGSHAN_LOG_LEVEL": "ERROR",
        }
        print(f"database: {env.get('DATABASE_URL', 'SQLite')}")
        prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "qingshan.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            results = {}
            for label, path in (("home page", "/"), ("login page", "/login/")):
                load(port, path, args.workers, 2)  # every worker renders and caches once
                alone, _ = load(port, path, 1, args.seconds / 4)
                print(
                    f"{label}, one client: p50 {percentile(alone, 50) * 1000:.1f} ms, "
                    f"p95 {percentile(alone, 95) * 1000:.1f} ms (n={len(alone)})"
                )
                times, failures = load(port, path, args.clients, args.seconds)
                results[label] = times
                print(
                    f"{label}: {len(times)} requests, {len(times) / args.seconds:.0f}/s, "
                    f"p50 {percentile(times, 50) * 1000:.1f} ms, "
                    f"p95 {percentile(times, 95) * 1000:.1f} ms, failures {failures}"
                )
            ratio = percentile(results["home page"], 95) / percentile(results["login page"], 95)
            print(f"{args.clients} clients, home p95 / login p95: {ratio:.2f}x")
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
