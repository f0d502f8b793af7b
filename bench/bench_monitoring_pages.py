"""Monitoring pages with four years of data: the station page against the admin's station list.

    .venv/bin/python bench/bench_monitoring_pages.py [--requests N] [--stations N]

Builds a throw-away SQLite database (or uses DATABASE_URL if set) with the Hangzhou plan and the
full demo (`qingshan demo_monitoring`: 20 stations × 2019–2022 hourly, 49 sections monthly),
timing the demo itself, then requests each page N times through Django's test client and
prints p50/p95 next to a baseline measured in the same run on the same data: the admin's
changelist of air stations (a stock Django page over the same registry), logged in as admin.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from common import percentile, setup_django, time_requests


def line(label: str, values: list[float]) -> str:
    return (
        f"{label}: p50 {percentile(values, 50) * 1000:.1f} ms, "
        f"p95 {percentile(values, 95) * 1000:.1f} ms (n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--stations", type=int, default=None, help="demo stations (all: 20)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.contrib import admin
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment

        from qingshan.accounts.demo_accounts import create_demo_accounts
        from qingshan.monitoring.demo import load_demo
        from qingshan.monitoring.models import AirHour, AirStation
        from qingshan.plans.loader import load_plan
        from qingshan.plans.planfile import read_plan_file

        call_command("migrate", "--no-input", verbosity=0)
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        plan_file = os.path.join(
            os.path.dirname(__file__), "..", "src", "qingshan", "plans_data", "hangzhou-2019.yaml"
        )
        load_plan(read_plan_file(plan_file), actor_label="bench")
        create_demo_accounts()
        result = load_demo(stations=args.stations, progress=lambda text: print("  " + text))
        print(
            f"demo: {result.stations} stations, {result.air_hours:,} station-hours, "
            f"{result.sections} sections, {result.water_values:,} water values "
            f"in {result.seconds:.1f} s"
        )
        print(f"AirHour rows: {AirHour.objects.count():,}")

        if not admin.site.is_registered(AirStation):  # the baseline needs a stock admin page
            admin.site.register(AirStation)
        setup_test_environment()
        public = Client()
        staff = Client()
        staff.force_login(get_user_model().objects.get(username="admin"))

        station = "/monitoring/air/stations/1223A/"
        baseline = time_requests(staff, "/admin/monitoring/airstation/", args.requests)
        figures = [
            ("station page (30 days hourly, 2022)", station),
            ("station page, all years daily", station + "?range=all&p=PM2.5"),
            ("station page, 2020 O3 daily", station + "?year=2020&p=O3&range=year"),
            ("station list", "/monitoring/air/stations/"),
            ("city air page", "/monitoring/air/"),
            ("water map page", "/monitoring/water/"),
            ("section page", "/monitoring/water/sections/YH01/"),
        ]
        print(line("admin station changelist (baseline)", baseline))
        base95 = percentile(baseline, 95)
        for label, url in figures:
            values = time_requests(public, url, args.requests)
            print(
                f"{line(label, values)}; p95 / baseline p95 {percentile(values, 95) / base95:.2f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
