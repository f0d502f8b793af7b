"""Rebuild a plan's derived indicator values from monitoring statistics and approved reports.

Derived values are replaced as a whole (in one transaction) whenever their inputs change;
`inputs_fingerprint` tells cheaply whether they have.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from qingshan.monitoring.models import AirPeriodStat, WaterClass
from qingshan.plans.models import Indicator, Org, Plan, Responsibility, Target
from qingshan.reporting.models import Report, ReportingPeriod, ReportValue
from qingshan.reporting.queries import roll_up_value

from .computations import COMPUTATIONS
from .models import IndicatorValue, ValueRefresh

SYSTEM = "系统：监测数据统计"


def inputs_fingerprint(plan: Plan) -> str:
    """Changes whenever a report is approved, statistics are recomputed or the office enters
    a value: a handful of aggregate queries, cheap enough to ask on every page view."""
    reports = Report.objects.filter(period__plan=plan, state=Report.State.APPROVED).aggregate(
        n=Count("id"), at=Max("reviewed_at")
    )
    air = AirPeriodStat.objects.aggregate(n=Count("id"), at=Max("computed_at"))
    water = WaterClass.objects.aggregate(n=Count("id"), at=Max("computed_at"))
    entries = IndicatorValue.objects.filter(
        indicator__plan=plan, source=IndicatorValue.Source.ENTRY
    ).aggregate(n=Max("id"))

    def stamp(at: dt.datetime | None) -> str:
        return at.strftime("%Y%m%d%H%M%S%f") if at else "-"

    loaded = stamp(plan.loaded_at)
    return (
        f"r{reports['n']}.{stamp(reports['at'])}|a{air['n']}.{stamp(air['at'])}"
        f"|w{water['n']}.{stamp(water['at'])}|e{entries['n'] or 0}|p{loaded}"
    )[:200]


def _data_values(plan: Plan, today: dt.date) -> list[IndicatorValue]:
    years = range(plan.start_year, plan.horizon_year + 1)
    districts = {o.code: o for o in Org.objects.filter(region=plan.region, kind="district")}
    rows = []
    for indicator in plan.indicators.filter(code__in=list(COMPUTATIONS)):
        _, compute = COMPUTATIONS[indicator.code]
        for c in compute(years, today):
            scope = districts.get(c.district_code) if c.district_code else None
            if c.district_code and scope is None:
                continue  # a district of another region's network
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    scope_org=scope,
                    period=str(c.year),
                    date=dt.date(c.year, 12, 31),
                    value=Decimal(str(round(c.value, 4))),
                    unit=indicator.unit,
                    source=IndicatorValue.Source.DATA,
                    reference=c.reference,
                    edition=c.edition,
                    produced_by=SYSTEM,
                    partial=c.partial,
                )
            )
    return rows


@dataclass
class _Approved:
    """An approved report as the roll-up needs it, without building model instances."""

    pk: int
    task_id: int
    org_id: int
    org: Org
    version: int
    period: ReportingPeriod
    values: dict[int, Decimal] = field(default_factory=dict)  # target id → value


def _approved_reports(plan: Plan) -> list[_Approved]:
    orgs = Org.objects.in_bulk()
    periods = ReportingPeriod.objects.filter(plan=plan).in_bulk()
    # A version whose correction has been approved no longer speaks for its period.
    approved = Report.objects.filter(period__plan=plan, state=Report.State.APPROVED).exclude(
        superseded_by__state=Report.State.APPROVED
    )
    reports = {
        pk: _Approved(pk, task_id, org_id, orgs[org_id], version, periods[period_id])
        for pk, task_id, org_id, version, period_id in approved.values_list(
            "id", "task_id", "org_id", "version", "period_id"
        )
    }
    for report_id, target_id, value in ReportValue.objects.filter(report__in=approved).values_list(
        "report_id", "target_id", "value"
    ):
        reports[report_id].values[target_id] = value
    return sorted(reports.values(), key=lambda r: (r.period.end, r.version, r.pk))


def _report_values(plan: Plan) -> list[IndicatorValue]:
    """Per target and period, the roll-up of the units' latest approved values (the rule of
    docs/reporting.md) whenever one of them changed; and a unit's own value where the target
    is scoped to that unit."""
    targets = {t.pk: t for t in plan.targets.select_related("indicator").exclude(task=None)}
    by_task: dict[int, list[Target]] = defaultdict(list)
    for target in targets.values():
        by_task[target.task_id].append(target)  # type: ignore[index]
    roles: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for task_id, org_id, role in Responsibility.objects.filter(task__plan=plan).values_list(
        "task_id", "org_id", "role"
    ):
        roles[task_id][role].add(org_id)
    by_period: dict[int, list[_Approved]] = defaultdict(list)
    for report in _approved_reports(plan):
        by_period[report.period.pk].append(report)
    periods = sorted(
        {r.period for reports in by_period.values() for r in reports},
        key=lambda p: (p.end, p.kind),
    )
    latest: dict[int, dict[int, _Approved]] = defaultdict(dict)  # task → unit → latest report
    rows: list[IndicatorValue] = []
    for period in periods:
        touched: set[int] = set()
        for report in by_period[period.pk]:
            latest[report.task_id][report.org_id] = report
            touched.add(report.task_id)
            for target_id, value in report.values.items():
                own = targets.get(target_id)
                if own is not None and own.scope_org_id == report.org_id:
                    row = _value(own, report.org, period, value, _cite([report]))
                    row.edition = f"报告第 {report.version} 版"
                    row.produced_by = report.org.name
                    rows.append(row)
        for task_id in touched:
            current = list(latest[task_id].values())
            for target in by_task.get(task_id, []):
                values = [(r, r.values[target.pk]) for r in current if target.pk in r.values]
                if not values:
                    continue
                rolled = roll_up_value(
                    target, values, roles[task_id]["lead"], roles[task_id]["territorial"]
                )
                if rolled.value is None:
                    continue
                row = _value(target, None, period, rolled.value, _cite([r for r, _ in values]))
                row.produced_by = rolled.source
                rows.append(row)
    return rows


def _cite(reports: list[_Approved]) -> dict:
    return {
        "kind": "reports",
        "reports": [[r.pk, r.version, r.org.name, r.period.label] for r in reports],
    }


def _value(target: Target, org: Org | None, period: ReportingPeriod, value, reference):
    return IndicatorValue(
        indicator_id=target.indicator_id,
        scope_org=org,
        target_id=target.pk,
        period=period.label,
        date=period.end,
        value=value,
        unit=target.unit or target.indicator.unit,
        source=IndicatorValue.Source.REPORT,
        reference=reference,
        edition="",
        produced_by="",
    )


def refresh_values(plan: Plan, *, today: dt.date | None = None) -> ValueRefresh:
    """Replace the plan's derived values from the current statistics and approved reports."""
    today = today or timezone.localdate()
    inputs = inputs_fingerprint(plan)
    data = _data_values(plan, today)
    reported = _report_values(plan)
    with transaction.atomic():
        IndicatorValue.objects.filter(
            indicator__plan=plan,
            source__in=[IndicatorValue.Source.DATA, IndicatorValue.Source.REPORT],
        ).delete()
        IndicatorValue.objects.bulk_create(data + reported, batch_size=2000)
        refresh, _ = ValueRefresh.objects.update_or_create(
            plan=plan,
            defaults={
                "inputs": inputs,
                "data_values": len(data),
                "report_values": len(reported),
            },
        )
    return refresh


def ensure_fresh(plan: Plan) -> ValueRefresh:
    """Refresh the derived values if their inputs changed since the last refresh."""
    refresh = ValueRefresh.objects.filter(plan=plan).first()
    if refresh is not None and refresh.inputs == inputs_fingerprint(plan):
        return refresh
    return refresh_values(plan)


def values_for(indicator: Indicator, scope_org: Org | None = None):
    return (
        IndicatorValue.objects.filter(indicator=indicator, scope_org=scope_org, is_current=True)
        .select_related("target", "entered_by")
        .order_by("date", "source", "id")
    )
