"""Excel import benchmark: a full quarter of the Hangzhou plan, every unit's workbook.

    .venv/bin/python bench/bench_reporting_import.py [--repeat N] [--period 2020Q4]

Runs against a throw-away SQLite database (or DATABASE_URL if set).  Every responsible unit
downloads its workbook for the quarter (`build_workbook`), it is filled in with openpyxl (status,
percent, three texts, every target value, typed with full-width digits and thousands
separators), and then all the workbooks are imported (`import_workbook`: file checks, calamine,
validation of every cell, one transaction per workbook, `save_draft` per row).  Figures printed,
each with a baseline measured in the same run on the same rows:
  * import: all workbooks, from no reports to one draft per (unit, task), against calling
    `services.save_draft` directly with the same, already parsed, fields and values (one
    transaction per unit) — the part of the work that is not about Excel;
  * reading only: our `read_upload` (type checks, zip-bomb and formula scan, calamine) of every
    workbook against `openpyxl.load_workbook` of the same bytes.
Repetitions alternate ours and the baseline, and each starts from an empty set of reports.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from common import setup_django

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 10.0


def prepare(period_label: str):
    """Plan, periods, one reporter per responsible unit; the period opened."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from qingshan.accounts.demo_accounts import create_demo_accounts
    from qingshan.accounts.models import Membership
    from qingshan.plans.loader import load_plan
    from qingshan.plans.models import Org
    from qingshan.plans.planfile import read_plan_file
    from qingshan.reporting import services
    from qingshan.reporting.models import ReportingPeriod
    from qingshan.reporting.permissions import actor_for

    call_command("migrate", "--no-input", verbosity=0)
    plan_file = ROOT / "src" / "qingshan" / "plans_data" / "hangzhou-2019.yaml"
    plan = load_plan(read_plan_file(plan_file), actor_label="bench").plan
    create_demo_accounts()
    User = get_user_model()
    office = actor_for(User.objects.get(username="office"))
    services.create_periods(office, plan)
    period = ReportingPeriod.objects.get(plan=plan, label=period_label)
    services.set_period_open(office, period, True)
    units = []
    for org in Org.objects.filter(responsibilities__task__plan=plan).distinct().order_by("id"):
        if not services.duties_for(org, period):
            continue
        user, _ = User.objects.get_or_create(username=f"bench_{org.code}")
        Membership.objects.get_or_create(user=user, org=org, role=Membership.Role.REPORTER)
        units.append((org, actor_for(user)))
    return plan, period, units


STATUSES = ["推进中", "已完成", "滞后", "未启动", "受阻"]
STATUS_CODES = {
    "推进中": "in_progress",
    "已完成": "done",
    "滞后": "delayed",
    "未启动": "not_started",
    "受阻": "blocked",
}
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def fill(data: bytes, unit_index: int):
    """Fill a downloaded workbook as a unit would; return the bytes and what was typed, parsed."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["填报"]
    rows = {}
    for i, row in enumerate(ws.iter_rows(min_row=3), start=unit_index):
        number = row[0].value
        if number is None:
            continue
        status = STATUSES[i % len(STATUSES)]
        percent = (i * 7) % 101
        narrative = (
            f"任务{number}：本季度完成年度计划的{percent}%，累计投入资金１，２３４万元，" * 3
        )
        problems = "要素保障仍有缺口" if i % 3 else ""
        next_steps = "下季度继续推进，确保按期完成"
        row[3].value = status
        row[4].value = f"{percent}%" if i % 2 else percent
        row[5].value = narrative
        row[6].value = problems
        row[7].value = next_steps
        rows[number] = {
            "status": STATUS_CODES[status],
            "percent": percent,
            "narrative": narrative,
            "problems": problems,
            "next_steps": next_steps,
        }
    values: dict[str, Decimal] = {}
    if "目标数值" in wb.sheetnames:
        for j, row in enumerate(wb["目标数值"].iter_rows(min_row=3)):
            code = row[7].value
            if code is None:
                continue
            value = Decimal(1000 + j * 37) + Decimal("0.25")
            row[6].value = f"{value:,}".translate(FULL_WIDTH) if j % 2 else float(value)
            values[code] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), rows, values


def reset() -> None:
    from qingshan.audit.models import AuditEvent
    from qingshan.reporting.models import Report

    Report.objects.all().delete()
    AuditEvent.objects.filter(action__in=["report.save", "report.import"]).delete()


def time_import(period, units, files) -> float:
    from qingshan.reporting.models import Report
    from qingshan.reporting.workbook_import import import_workbook

    reset()
    start = time.perf_counter()
    created = 0
    for (org, actor), (name, data, *_rest) in zip(units, files, strict=True):
        created += import_workbook(actor, org, period, name, data).created
    elapsed = time.perf_counter() - start
    assert created == Report.objects.count(), (created, Report.objects.count())
    return elapsed


def time_save_draft(plan, period, units, files) -> float:
    from django.db import transaction

    from qingshan.plans.models import Target, Task
    from qingshan.reporting import services
    from qingshan.reporting.models import Report

    tasks = {t.number: t for t in Task.objects.filter(plan=plan)}
    targets = {t.code: t for t in Target.objects.filter(plan=plan)}
    work = []
    for (org, actor), (_name, _data, rows, values) in zip(units, files, strict=True):
        by_task: dict[int, dict[int, Decimal]] = {}
        for code, value in values.items():
            target = targets[code]
            by_task.setdefault(target.task.number, {})[target.pk] = value
        work.append((org, actor, [(tasks[n], f, by_task.get(n)) for n, f in rows.items()]))
    reset()
    start = time.perf_counter()
    for org, actor, items in work:
        with transaction.atomic():
            for task, fields, task_values in items:
                services.save_draft(actor, task, org, period, fields, task_values)
    elapsed = time.perf_counter() - start
    assert Report.objects.count() == sum(len(items) for _, _, items in work)
    return elapsed


def time_reading(files) -> tuple[float, float]:
    import openpyxl

    from qingshan.reporting.workbook_import import read_upload

    start = time.perf_counter()
    for name, data, *_ in files:
        read_upload(name, data)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for _name, data, *_ in files:
        openpyxl.load_workbook(io.BytesIO(data))
    return ours, time.perf_counter() - start


def describe(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):.3f} s "
        f"(min {min(values):.3f}, max {max(values):.3f}, n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--period", default="2020Q4")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.db import connection

        from qingshan.reporting.workbook import build_workbook, workbook_filename

        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        plan, period, units = prepare(args.period)
        start = time.perf_counter()
        files = []
        for index, (org, _actor) in enumerate(units):
            data, rows, values = fill(build_workbook(org, period), index)
            files.append((workbook_filename(org, period), data, rows, values))
        n_rows = sum(len(f[2]) for f in files)
        n_values = sum(len(f[3]) for f in files)
        size = sum(len(f[1]) for f in files)
        print(
            f"{period.title}: {len(units)} units, {n_rows} reports, {n_values} target values, "
            f"{size / 1024:.0f} kB of xlsx (built and filled in {time.perf_counter() - start:.1f} s)"
        )

        time_import(period, units, files)  # warm up both paths (imports, query compilation)
        time_save_draft(plan, period, units, files)
        ours, baseline = [], []
        for _ in range(args.repeat):
            ours.append(time_import(period, units, files))
            baseline.append(time_save_draft(plan, period, units, files))
        ours_med, base_med = statistics.median(ours), statistics.median(baseline)
        print(f"import all workbooks: {describe(ours)}")
        print(f"save_draft of the same rows, no Excel: {describe(baseline)}")
        print(
            f"import / save_draft: {ours_med / base_med:.2f}x; "
            f"per report {ours_med / n_rows * 1000:.1f} ms vs {base_med / n_rows * 1000:.1f} ms; "
            f"goal < {GOAL_SECONDS:.0f} s: {'met' if ours_med < GOAL_SECONDS else 'NOT met'}"
        )

        reading = [time_reading(files) for _ in range(args.repeat)]
        read_ours = statistics.median(r[0] for r in reading)
        read_base = statistics.median(r[1] for r in reading)
        print(
            f"reading all workbooks: read_upload (checks + calamine) median {read_ours:.3f} s; "
            f"openpyxl.load_workbook median {read_base:.3f} s; ratio {read_ours / read_base:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
