"""Assessment runs and the warning list over the full plan with four years of data and reports.

    .venv/bin/python bench/bench_assessment.py [--requests N]

Fills a throw-away SQLite database (or DATABASE_URL) with every responsible unit's report on
every task for each quarter 2019Q1–2022Q4 (≈17,000 reports, values on the reported targets)
and the simulated monitoring network (20 stations, 49 sections, 2019–2022), then times:
- the four assessment runs (2019, 2020, 2021 annual; 2022 final), against a plain read of the
  rows a run reads (reports, report values, indicator values), in the same run;
- the warning list page, p50/p95, against the plan's target list page (a page over the same
  targets without judging them), in the same run; and the first view after new data arrives.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench_reporting_matrix import fill
from common import percentile, setup_django, time_requests

ROOT = Path(__file__).resolve().parents[1]


def fill_values(plan) -> int:
    """A cumulative value on each approved report of a task with targets, growing by quarter."""
    from qingshan.reporting.models import Report, ReportValue

    targets: dict[int, list[int]] = {}
    for target_id, task_id in plan.targets.exclude(task=None).values_list("id", "task_id"):
        targets.setdefault(task_id, []).append(target_id)
    values = []
    reports = Report.objects.filter(state="approved", task_id__in=targets).values_list(
        "id", "task_id", "percent"
    )
    for report_id, task_id, percent in reports:
        for target_id in targets[task_id]:
            values.append(
                ReportValue(report_id=report_id, target_id=target_id, value=Decimal(percent))
            )
    ReportValue.objects.bulk_create(values, batch_size=5000)
    return len(values)


def read_inputs(plan) -> int:
    from qingshan.indicators.models import IndicatorValue
    from qingshan.reporting.models import Report, ReportValue

    rows = len(list(Report.objects.filter(period__plan=plan).values_list()))
    rows += len(list(ReportValue.objects.values_list()))
    rows += len(list(IndicatorValue.objects.values_list()))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, tasks_backend="immediate")
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        from qingshan.accounts.demo_accounts import create_demo_accounts
        from qingshan.assessment import schemes, services
        from qingshan.monitoring.demo.load import load_demo
        from qingshan.plans.loader import load_plan
        from qingshan.plans.planfile import read_plan_file

        call_command("migrate", "--no-input", verbosity=0)
        plan = load_plan(read_plan_file(ROOT / "src/qingshan/plans_data/hangzhou-2019.yaml")).plan
        create_demo_accounts()
        office = get_user_model().objects.get(username="office")
        reports = fill(plan, office)
        values = fill_values(plan)
        load_demo()
        print(f"reports: {reports}, report values: {values}, monitoring: 4 years")

        scheme = schemes.ensure_default_scheme(plan, office)
        runs = []
        for kind, year in (("annual", 2019), ("annual", 2020), ("annual", 2021), ("final", 2022)):
            start = time.perf_counter()
            run = services.run_assessment(
                office, plan, scheme, kind=kind, year=year, include_pending=True
            )
            runs.append(time.perf_counter() - start)
            print(f"  {run.title}: {runs[-1]:.2f} s, {run.summary['units']} units")
        reads = []
        for _ in range(3):
            start = time.perf_counter()
            rows = read_inputs(plan)
            reads.append(time.perf_counter() - start)
        print(
            f"assessment runs: total {sum(runs):.2f} s, slowest {max(runs):.2f} s; "
            f"plain read of {rows} input rows: median {statistics.median(reads):.2f} s; "
            f"slowest run / read: {max(runs) / statistics.median(reads):.1f}x"
        )

        setup_test_environment()
        client = Client()
        client.force_login(office)
        url = f"/indicators/{plan.code}/warnings/"
        ours = time_requests(client, url, args.requests)
        stock = time_requests(client, f"/plans/{plan.code}/targets/", args.requests)
        for label, timings in (("warning list", ours), ("target list", stock)):
            print(
                f"{label}: p50 {percentile(timings, 50) * 1000:.1f} ms, "
                f"p95 {percentile(timings, 95) * 1000:.1f} ms (n={len(timings)})"
            )
        print(
            f"warning list p95 / target list p95: {percentile(ours, 95) / percentile(stock, 95):.2f}x"
        )
        from django.utils import timezone

        from qingshan.reporting.models import Report

        report = Report.objects.filter(state="approved").first()
        Report.objects.filter(pk=report.pk).update(reviewed_at=timezone.now())  # a new approval
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        print(
            f"first warning list view after a new approval (rebuild): {time.perf_counter() - start:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
