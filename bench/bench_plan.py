"""Plan registry benchmarks: loading the Hangzhou plan, and rendering the task list.

    .venv/bin/python bench/bench_plan.py [--repeat N] [--requests N]

Runs against a throw-away SQLite database (or DATABASE_URL if set).  Each figure is printed
with a baseline measured in the same run on the same data:
  * load: `qingshan plan load` into an empty database vs Django's `loaddata` of the same records
    (dumped from the loaded plan) — the stock way to bulk-insert fixtures;
  * task list: our task list page vs the admin's task changelist (a stock Django page of the
    same 62 tasks), both through the test client, p50/p95 over many requests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import percentile, setup_django, time_requests

ROOT = Path(__file__).resolve().parents[1]


def empty_database() -> None:
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)


def time_load(plan_file: Path) -> float:
    from qingshan.plans.loader import load_plan
    from qingshan.plans.planfile import read_plan_file

    empty_database()
    start = time.perf_counter()
    result = load_plan(read_plan_file(plan_file), actor_label="bench")
    elapsed = time.perf_counter() - start
    assert result.plan.tasks.count() == 62
    return elapsed


def time_loaddata(fixture: Path) -> float:
    from django.core.management import call_command

    empty_database()
    start = time.perf_counter()
    call_command("loaddata", str(fixture), verbosity=0)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        call_command("migrate", "--no-input", verbosity=0)
        plan_file = ROOT / "src" / "qingshan" / "plans_data" / "hangzhou-2019.yaml"
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")

        loads = [time_load(plan_file) for _ in range(args.repeat)]
        fixture = Path(tmp) / "plan.json"
        with fixture.open("w", encoding="utf-8") as out:
            call_command("dumpdata", "plans", "audit", stdout=out)
        baselines = [time_loaddata(fixture) for _ in range(args.repeat)]
        load_med, base_med = statistics.median(loads), statistics.median(baselines)
        print(
            f"load full plan into empty db: median {load_med:.3f} s "
            f"(min {min(loads):.3f}, max {max(loads):.3f}, n={args.repeat}); "
            f"loaddata of the same records: median {base_med:.3f} s; ratio {load_med / base_med:.2f}x"
        )

        time_load(plan_file)
        from django.contrib.auth import get_user_model

        from qingshan.accounts.demo_accounts import create_demo_accounts

        create_demo_accounts()
        setup_test_environment()
        client = Client()
        ours = time_requests(client, "/plans/hangzhou-2019/tasks/", args.requests)
        admin = Client()
        admin.force_login(get_user_model().objects.get(username="admin"))
        stock = time_requests(admin, "/admin/plans/task/?all=", args.requests)
        for label, values in (("task list", ours), ("admin task changelist", stock)):
            print(
                f"{label}: p50 {percentile(values, 50) * 1000:.1f} ms, "
                f"p95 {percentile(values, 95) * 1000:.1f} ms (n={len(values)})"
            )
        print(
            f"task list p95 / admin changelist p95: {percentile(ours, 95) / percentile(stock, 95):.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
