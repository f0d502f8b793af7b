"""The early-warning list: what is slipping, why, and who answers for it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from qingshan.plans.models import Org, Plan, Responsibility, Target, Task

from .models import StatusSnapshot
from .status import STATUS_ORDER

WARNED = ("off_track", "at_risk")


@dataclass
class Warning:
    kind: str  # target | task | report
    status: str  # off_track | at_risk | missing
    title: str
    reason: str
    units: list[Org] = field(default_factory=list)
    url: str = ""
    detail: str = ""

    @property
    def lead(self) -> str:
        return self.units[0].name if self.units else "—"

    @property
    def others(self) -> str:
        return "、".join(o.name for o in self.units[1:])

    @property
    def kind_label(self) -> str:
        return {"target": "目标", "task": "任务", "report": "报送"}[self.kind]


@dataclass
class WarningList:
    as_of: dt.date
    computed_at: dt.datetime
    items: list[Warning]

    def count(self, kind: str) -> int:
        return sum(1 for w in self.items if w.kind == kind)


def _task_units(plan: Plan) -> dict[int, list[Org]]:
    """Each task's units, lead first; plain rows and one lookup of the units (a plan has
    hundreds of responsibilities but only a few dozen units)."""
    rows = list(
        Responsibility.objects.filter(task__plan=plan)
        .order_by("task", "order")
        .values_list("task_id", "role", "org_id")
    )
    orgs = Org.objects.in_bulk({org_id for _, _, org_id in rows})
    units: dict[int, list[Org]] = defaultdict(list)
    for task_id, role, org_id in rows:
        if role == Responsibility.Role.LEAD:
            units[task_id].insert(0, orgs[org_id])
        else:
            units[task_id].append(orgs[org_id])
    return units


def responsible_units(
    target: Target, task_units: dict[int, list[Org]], by_indicator: dict[int, set[int]]
) -> list[Org]:
    """The task's units; a main goal without a task answers through the tasks measuring the
    same indicator, and failing those, through the plan's lead unit."""
    if target.task_id:
        return task_units.get(target.task_id, [])
    units: list[Org] = []
    for task_id in sorted(by_indicator.get(target.indicator_id, ())):
        for org in task_units.get(task_id, [])[:1]:
            if org not in units:
                units.append(org)
    if not units and target.plan.lead_unit:
        units.append(target.plan.lead_unit)
    return units


def warning_list(snapshot: StatusSnapshot) -> WarningList:
    plan = snapshot.plan
    task_units = _task_units(plan)
    by_indicator: dict[int, set[int]] = defaultdict(set)
    for indicator_id, task_id in Target.objects.filter(plan=plan, task__isnull=False).values_list(
        "indicator_id", "task_id"
    ):
        by_indicator[indicator_id].add(task_id)
    items: list[Warning] = []
    for ts in snapshot.target_statuses.filter(status__in=WARNED).select_related(  # type: ignore[attr-defined]
        "target__indicator", "target__plan__lead_unit", "target__scope_org", "target__scope_group"
    ):
        target = ts.target
        items.append(
            Warning(
                kind="target",
                status=ts.status,
                title=f"{target.indicator.name}（{target.scope_label}）{target.display_value}",
                reason=ts.reason,
                units=responsible_units(target, task_units, by_indicator),
                url=f"/indicators/{plan.code}/i/{target.indicator.code}/#target-{target.code}",
                detail=f"{target.deadline.year} 年",
            )
        )
    for tks in snapshot.task_statuses.filter(status__in=WARNED).select_related("task"):  # type: ignore[attr-defined]
        task: Task = tks.task
        items.append(
            Warning(
                kind="task",
                status=tks.status,
                title=f"任务 {task.number}. {task.name}",
                reason=tks.reason,
                units=task_units.get(task.pk, []),
                url=task.get_absolute_url(),
                detail=f"时限 {task.deadline:%Y-%m-%d}",
            )
        )
    orgs = Org.objects.in_bulk([m["org_id"] for m in snapshot.missing_reports])
    for missing in snapshot.missing_reports:
        org = orgs.get(missing["org_id"])
        items.append(
            Warning(
                kind="report",
                status="missing",
                title=f"{missing['org']} 未按期报送{missing['period_title']}进展",
                reason=(
                    f"应报 {missing['expected']} 项，尚缺 {missing['missing']} 项"
                    f"（截止 {missing['due_on']}）"
                ),
                units=[org] if org else [],
                url="/reporting/matrix/",
                detail=missing["period"],
            )
        )
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    items.sort(key=lambda w: (rank.get(w.status, 0), ["target", "task", "report"].index(w.kind)))
    return WarningList(as_of=snapshot.as_of, computed_at=snapshot.computed_at, items=items)
