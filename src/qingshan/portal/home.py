"""What the public home page shows: the plan's headline targets with their latest values and
statuses, progress by battle and by district, environmental quality, published assessment
results.  Read only: every figure comes from the apps below and links back to its page."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from qingshan.assessment.models import AssessmentRun, Score
from qingshan.assessment.services import published_runs
from qingshan.indicators.models import IndicatorValue, StatusSnapshot, TargetStatus
from qingshan.indicators.progress import STATUSES
from qingshan.indicators.status import STATUS_ORDER, default_as_of
from qingshan.indicators.values import inputs_fingerprint
from qingshan.monitoring.models import AirDay, AirPeriodStat, AirStation, Scope, WaterClass
from qingshan.monitoring.pages import day_chip
from qingshan.monitoring.pages.air_statistics import annual_value
from qingshan.plans.models import Org, Plan, Section
from qingshan.plans.services import battles


@dataclass
class GoalCard:
    goal: Section
    rows: list[TargetStatus] = field(default_factory=list)


def goal_cards(plan: Plan, snapshot: StatusSnapshot) -> list[GoalCard]:
    goals = {
        s.pk: GoalCard(s) for s in plan.sections.filter(code__regex=r"^2\.\d+$").order_by("order")
    }
    for ts in (
        snapshot.target_statuses.filter(target__goal__isnull=False)  # type: ignore[attr-defined]
        .select_related("target__indicator", "target__scope_org", "target__scope_group")
        .order_by("target__order")
    ):
        card = goals.get(ts.target.goal_id or 0)
        if card is not None:
            card.rows.append(ts)
    return [c for c in goals.values() if c.rows]


def battle_chart(plan: Plan, snapshot: StatusSnapshot) -> tuple[list[dict], dict]:
    """Tasks of each battle by status: a table and a stacked bar chart."""
    sections = list(battles(plan))
    counts: dict[int, Counter] = defaultdict(Counter)
    for code, status in snapshot.task_statuses.values_list(  # type: ignore[attr-defined]
        "task__section__code", "status"
    ):
        for s in sections:
            if code.startswith(s.code + "."):
                counts[s.pk][status] += 1
    rows: list[dict] = [
        {"section": s, "counts": [counts[s.pk][st] for st in STATUS_ORDER]} for s in sections
    ]
    colours = {
        "danger": "#c0392b",
        "warning": "#e0a800",
        "secondary": "#9aa5a0",
        "dark": "#40474b",
        "info": "#2f9fd0",
        "success": "#1f7a4d",
    }
    chart = {
        "grid": {"left": 110, "right": 16, "top": 36, "bottom": 24},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0, "type": "scroll"},
        "xAxis": {"type": "value", "minInterval": 1, "name": "项"},
        "yAxis": {"type": "category", "data": [s.title for s in sections], "inverse": True},
        "series": [
            {
                "name": STATUSES[st].label,
                "type": "bar",
                "stack": "tasks",
                "itemStyle": {"color": colours[STATUSES[st].colour]},
                "data": [r["counts"][i] for r in rows],
            }
            for i, st in enumerate(STATUS_ORDER)
        ],
    }
    return rows, chart


@dataclass
class DistrictRow:
    org: Org
    pm25: float | None = None
    pm25_year: str = ""
    sections: int = 0
    meeting: int = 0
    score: Score | None = None


def district_rows(plan: Plan, run: AssessmentRun | None, today: dt.date) -> list[DistrictRow]:
    orgs = list(Org.objects.filter(region=plan.region, kind=Org.Kind.DISTRICT).order_by("id"))
    rows = {o.pk: DistrictRow(o) for o in orgs if o.is_valid_on(today)}
    for v in IndicatorValue.objects.filter(
        indicator__plan=plan,
        indicator__code="pm25-annual-mean",
        scope_org__in=list(rows),
        partial=False,
    ).order_by("date"):
        row = rows[v.scope_org_id]  # type: ignore[index]
        row.pm25, row.pm25_year = float(v.value), v.period
    latest = WaterClass.objects.filter(period__regex=r"^\d{4}$").order_by("-period").first()
    if latest is not None:
        for c in WaterClass.objects.filter(period=latest.period).select_related("section"):
            found = rows.get(c.section.district_id or 0)
            if found is not None and c.grade:
                found.sections += 1
                found.meeting += bool(c.compliant)
    if run is not None:
        for score in run.scores.filter(group=Score.Group.DISTRICT):  # type: ignore[attr-defined]
            if score.org_id in rows:
                rows[score.org_id].score = score
    return list(rows.values())


@dataclass
class AirNow:
    today: object | None  # DayChip of the city's latest day
    year: str = ""
    pm25: float | None = None
    good_share: float | None = None
    simulated: bool = False


def air_now() -> AirNow:
    day = AirDay.objects.filter(scope=Scope.CITY, aqi__isnull=False).order_by("-date").first()
    stat = (
        AirPeriodStat.objects.filter(scope=Scope.CITY, period__regex=r"^\d{4}$")
        .order_by("-period")
        .first()
    )
    now = AirNow(day_chip(day), simulated=AirStation.objects.filter(is_simulated=True).exists())
    if stat is not None:
        row = annual_value(stat, "PM2.5", "annual_mean")
        now.year = stat.period
        now.pm25 = row.value if row else None
        share = stat.good_day_share
        now.good_share = None if share is None else 100 * share
    return now


def latest_published(plan: Plan) -> AssessmentRun | None:
    return published_runs(plan).first()


def podium(run: AssessmentRun | None) -> dict[str, list[Score]]:
    if run is None:
        return {}
    top: dict[str, list[Score]] = {}
    for score in run.scores.filter(rank__isnull=False).order_by("group", "rank"):  # type: ignore[attr-defined]
        group = score.get_group_display()
        if len(top.setdefault(group, [])) < 5:
            top[group].append(score)
    return top


def fingerprint(plan: Plan) -> str:
    """Changes whenever anything the home page shows can have changed."""
    published = published_runs(plan).values_list("pk", flat=True).first()
    return f"{plan.pk}:{inputs_fingerprint(plan)}:{published}:{default_as_of(plan)}"


def year_bar(per_year: list[tuple[int, int]]) -> dict:
    """Tasks by the year they are due, as a bar chart."""
    return {
        "grid": {"left": 40, "right": 16, "top": 24, "bottom": 32},
        "tooltip": {"trigger": "axis"},
        "xAxis": {"type": "category", "data": [f"{y}年" for y, _ in per_year]},
        "yAxis": {"type": "value", "minInterval": 1, "name": "项"},
        "series": [
            {
                "type": "bar",
                "data": [n for _, n in per_year],
                "itemStyle": {"color": "#1f7a4d"},
                "barMaxWidth": 40,
                "label": {"show": True, "position": "top"},
            }
        ],
    }
