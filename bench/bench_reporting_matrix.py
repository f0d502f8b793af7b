"""The office's units × periods matrix with four years of reports.

    .venv/bin/python bench/bench_reporting_matrix.py [--requests N]

Fills a throw-away SQLite database (or DATABASE_URL) with every responsible unit's report on
every task for each quarter 2019Q1–2022Q4 (≈17,000 reports, bulk-inserted: the figure is about
reading them), then times the matrix page for all four years, against the admin's report
changelist (a stock Django page over the same table) in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

from common import percentile, setup_django, time_requests

ROOT = Path(__file__).resolve().parents[1]


def fill(plan, office_user) -> int:
    from django.utils import timezone

    from qingshan.plans.models import Responsibility
    from qingshan.reporting import services
    from qingshan.reporting.models import Report
    from qingshan.reporting.permissions import actor_for

    services.create_periods(actor_for(office_user), plan)
    duties = list(Responsibility.objects.filter(task__plan=plan).values_list("task_id", "org_id"))
    reports = []
    for i, period in enumerate(plan.periods.order_by("start")):
        submitted = timezone.make_aware(dt.datetime.combine(period.due_on, dt.time(9)))
        for j, (task_id, org_id) in enumerate(duties):
            late = (i + j) % 11 == 0
            reports.append(
                Report(
                    task_id=task_id,
                    org_id=org_id,
                    period=period,
                    state="approved" if (i + j) % 7 else "submitted",
                    status="in_progress",
                    percent=min(100, 6 * i),
                    narrative="bench",
                    created_by=office_user,
                    submitted_at=submitted + dt.timedelta(days=3 if late else -2),
                )
            )
    Report.objects.bulk_create(reports, batch_size=2000)
    return len(reports)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        from qingshan.accounts.demo_accounts import create_demo_accounts
        from qingshan.plans.loader import load_plan
        from qingshan.plans.planfile import read_plan_file

        call_command("migrate", "--no-input", verbosity=0)
        plan = load_plan(read_plan_file(ROOT / "src/qingshan/plans_data/hangzhou-2019.yaml")).plan
        create_demo_accounts()
        office = get_user_model().objects.get(username="office")
        count = fill(plan, office)
        print(f"reports: {count} over {plan.periods.count()} periods")

        setup_test_environment()
        client = Client()
        client.force_login(office)
        admin = Client()
        admin.force_login(get_user_model().objects.get(username="admin"))
        ours = time_requests(client, "/reporting/matrix/", args.requests)
        stock = time_requests(admin, "/admin/reporting/report/", args.requests)
        for label, values in (("matrix, 4 years", ours), ("admin report changelist", stock)):
            print(
                f"{label}: p50 {percentile(values, 50) * 1000:.1f} ms, "
                f"p95 {percentile(values, 95) * 1000:.1f} ms, "
                f"median {statistics.median(values) * 1000:.1f} ms (n={len(values)})"
            )
        print(
            f"matrix p95 / admin changelist p95: {percentile(ours, 95) / percentile(stock, 95):.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
