"""What the indicator pages show: the status board, one indicator's series and glide paths."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from qingshan.plans.models import Indicator, Plan, Target

from . import progress
from .models import IndicatorValue, StatusSnapshot, TargetStatus
from .status import STATUS_ORDER, milestone_group, observations, target_spec


@dataclass
class BoardGroup:
    code: str
    title: str
    rows: list[TargetStatus] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def board(
    snapshot: StatusSnapshot, *, status: str = "", goal_only: bool = False
) -> list[BoardGroup]:
    """Targets grouped by the main goal or the battle they belong to."""
    rows = snapshot.target_statuses.select_related(  # type: ignore[attr-defined]
        "target__indicator",
        "target__goal",
        "target__section__parent",
        "target__task__section__parent",
        "target__scope_org",
        "target__scope_group",
    ).order_by("target__order")
    if status:
        rows = rows.filter(status=status)
    if goal_only:
        rows = rows.filter(target__goal__isnull=False)
    groups: dict[str, BoardGroup] = {}
    for row in rows:
        section = _battle(row.target)
        key = section.code if section else "-"
        if key not in groups:
            groups[key] = BoardGroup(key, section.title if section else "其他", [])
        groups[key].rows.append(row)
    return sorted(groups.values(), key=lambda g: [int(p) for p in g.code.split(".") if p.isdigit()])


def _battle(target: Target):
    if target.goal_id:
        return target.goal
    section = target.task.section if target.task_id else target.section  # type: ignore[union-attr]
    while section is not None and section.depth > 1:
        section = section.parent
    return section


def status_counts(snapshot: StatusSnapshot) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for status in snapshot.target_statuses.values_list("status", flat=True):  # type: ignore[attr-defined]
        counts[status] += 1
    return {s: counts.get(s, 0) for s in STATUS_ORDER}


def year_ends(plan: Plan) -> list[dt.date]:
    """The year before the plan (where baselines usually sit) to the horizon."""
    return [dt.date(y, 12, 31) for y in range(plan.start_year - 1, plan.horizon_year + 1)]


def series_chart(indicator: Indicator, values: list[IndicatorValue], targets: list[Target]) -> dict:
    """Values by period against each target's glide path and milestone."""
    plan = indicator.plan
    dates = year_ends(plan)
    labels = [str(d.year) for d in dates]
    series: list[dict] = []
    by_source: dict[str, list] = defaultdict(list)
    for v in values:
        if v.scope_org_id is None and v.date.month == 12:
            by_source[v.get_source_display()].append([str(v.date.year), float(v.value)])
    for name, points in by_source.items():
        series.append(
            {
                "name": name,
                "type": "line",
                "data": points,
                "symbolSize": 8,
                "lineStyle": {"width": 3},
            }
        )
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        groups[milestone_group(target)].append(target)
    for target in targets:
        if target.scope_org_id or target.frequency != "once":
            continue
        spec = target_spec(target, groups[milestone_group(target)])
        path = progress.expected_path(spec, observations(target, values)[0], dates)
        series.append(
            {
                "name": f"预期路径 {target.deadline.year}",
                "type": "line",
                "data": [
                    [label, p] for label, p in zip(labels, path, strict=True) if p is not None
                ],
                "lineStyle": {"type": "dashed", "width": 1.5},
                "symbol": "none",
                "markPoint": {
                    "symbol": "pin",
                    "symbolSize": 36,
                    "data": [
                        {
                            "name": target.display_value,
                            "coord": [str(target.deadline.year), float(target.value)],
                            "value": float(target.value),
                        }
                    ]
                    if target.comparator not in ("reduce_by", "no_increase")
                    else [],
                },
            }
        )
    return {
        "grid": {"left": 48, "right": 24, "top": 48, "bottom": 40},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "name": indicator.unit, "scale": True},
        "series": series,
    }
