"""Read-side rules of the plan registry: filtering tasks and targets, responsibility, lineage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Org, Plan, Responsibility, Section, Succession, Target, Task


def default_plan() -> Plan | None:
    plans = Plan.objects.filter(is_published=True)
    return plans.filter(code=settings.QINGSHAN_DEFAULT_PLAN).first() or plans.first()


def published_plan(code: str) -> Plan | None:
    return Plan.objects.filter(code=code, is_published=True).select_related("lead_unit").first()


def battles(plan: Plan) -> QuerySet[Section]:
    """The second-level parts of 三、行动任务 (the four 保卫战), which group the tasks."""
    return plan.sections.filter(code__regex=r"^3\.\d+$").order_by("order")


def tasks_with_units(plan: Plan) -> QuerySet[Task]:
    duties = Responsibility.objects.select_related("org").order_by("order")
    return (
        plan.tasks.select_related("section", "section__parent")
        .prefetch_related(Prefetch("responsibilities", queryset=duties))
        .order_by("number")
    )


@dataclass
class TaskFilter:
    section: str = ""
    unit: str = ""
    role: str = ""  # lead | co | territorial | "" (any)
    year: int | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.section or self.unit or self.role or self.year or self.q)


def filter_tasks(plan: Plan, f: TaskFilter) -> QuerySet[Task]:
    qs = tasks_with_units(plan)
    if f.section:
        qs = qs.filter(Q(section__code=f.section) | Q(section__code__startswith=f.section + "."))
    if f.unit:
        duty = Q(responsibilities__org__code=f.unit, responsibilities__org__region=plan.region)
        if f.role:
            duty &= Q(responsibilities__role=f.role)
        qs = qs.filter(duty)
    elif f.role:
        qs = qs.filter(responsibilities__role=f.role)
    if f.year:
        qs = qs.filter(deadline__year=f.year)
    if f.q:
        words = f.q.split()
        for word in words:
            match = (
                Q(name__icontains=word)
                | Q(content__icontains=word)
                | Q(responsible_text__icontains=word)
            )
            if word.isdigit():  # a bare number also finds the task with that 序号
                match |= Q(number=int(word))
            qs = qs.filter(match)
    return qs.distinct()


@dataclass
class TargetFilter:
    group: str = ""  # a goal (2.x) or a battle/section (3.x…) code
    scope: str = ""  # city | unit code | group code
    year: int | None = None
    measurement: str = ""
    q: str = ""


def targets_of(plan: Plan) -> QuerySet[Target]:
    return plan.targets.select_related(
        "indicator", "scope_org", "scope_group", "goal", "task", "section"
    ).order_by("order")


def filter_targets(plan: Plan, f: TargetFilter) -> QuerySet[Target]:
    qs = targets_of(plan)
    if f.group:
        prefix = f.group + "."
        qs = qs.filter(
            Q(goal__code=f.group)
            | Q(section__code=f.group)
            | Q(section__code__startswith=prefix)
            | Q(task__section__code=f.group)
            | Q(task__section__code__startswith=prefix)
        )
    if f.scope == "city":
        qs = qs.filter(scope_org__isnull=True, scope_group__isnull=True)
    elif f.scope:
        qs = qs.filter(Q(scope_org__code=f.scope) | Q(scope_group__code=f.scope))
    if f.year:
        qs = qs.filter(deadline__year=f.year)
    if f.measurement:
        qs = qs.filter(indicator__measurement=f.measurement)
    if f.q:
        for word in f.q.split():
            qs = qs.filter(
                Q(indicator__name__icontains=word)
                | Q(source_text__icontains=word)
                | Q(code__icontains=word)
            )
    return qs.distinct()


def deadline_years(plan: Plan) -> list[int]:
    years = {d.year for d in plan.tasks.values_list("deadline", flat=True)}
    years |= {d.year for d in plan.targets.values_list("deadline", flat=True)}
    return sorted(years)


def answering_units(org: Org, day: dt.date) -> list[Org]:
    """Who answers on `day` for what was assigned to `org`: itself while it exists, and every
    successor that has taken over (all or part of) its territory by then."""
    result: list[Org] = []
    seen: set[int] = set()
    stack = [org]
    while stack:
        unit = stack.pop(0)
        if unit.pk in seen:
            continue
        seen.add(unit.pk)
        if unit.is_valid_on(day):
            result.append(unit)
        for succession in unit.successions.select_related("successor").order_by("date"):
            if succession.date <= day:
                stack.append(succession.successor)
    return result


def inherited_from(org: Org) -> list[Succession]:
    return list(org.predecessions.select_related("predecessor").order_by("date"))


@dataclass
class Matrix:
    lead: list[Task] = field(default_factory=list)
    co: list[Task] = field(default_factory=list)
    territorial: list[Task] = field(default_factory=list)
    inherited: list[tuple[Succession, list[Task]]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def responsibility_matrix(plan: Plan, org: Org) -> Matrix:
    matrix = Matrix()
    tasks = tasks_with_units(plan).filter(responsibilities__org=org).distinct()
    roles = dict(
        Responsibility.objects.filter(task__plan=plan, org=org).values_list("task_id", "role")
    )
    for task in tasks:
        getattr(matrix, roles[task.pk]).append(task)
    own = set(roles)
    for succession in inherited_from(org):
        # Only what the successor does not already answer for itself (江干区's rivers of task 48,
        # not the "各区、县（市）" tasks both districts carried anyway).
        old = [
            t
            for t in tasks_with_units(plan).filter(responsibilities__org=succession.predecessor)
            if t.pk not in own
        ]
        if old:
            matrix.inherited.append((succession, old))
    matrix.targets = list(
        targets_of(plan).filter(Q(scope_org=org) | Q(scope_group__members=org)).distinct()
    )
    return matrix


def units_with_counts(plan: Plan) -> QuerySet[Org]:
    return (
        Org.objects.filter(region=plan.region)
        .annotate(
            lead_count=Count(
                "responsibilities",
                filter=Q(responsibilities__task__plan=plan, responsibilities__role="lead"),
            ),
            task_count=Count("responsibilities", filter=Q(responsibilities__task__plan=plan)),
        )
        .order_by("kind", "id")
    )


def plan_summary(plan: Plan) -> dict[str, object]:
    return {
        "tasks": plan.tasks.count(),
        "targets": plan.targets.count(),
        "units": Org.objects.filter(responsibilities__task__plan=plan).distinct().count(),
        "indicators": plan.indicators.count(),
    }


def task_counts_by_section(plan: Plan) -> dict[str, int]:
    """Tasks under each section code, counting a task in its item and in every part above it."""
    counts: dict[str, int] = {}
    for code in plan.tasks.values_list("section__code", flat=True):
        while True:
            counts[code] = counts.get(code, 0) + 1
            if "." not in code:
                break
            code = code.rsplit(".", 1)[0]
    return counts


def tasks_per_battle(plan: Plan) -> list[tuple[Section, int]]:
    return [
        (b, plan.tasks.filter(section__code__startswith=b.code + ".").count())
        for b in battles(plan)
    ]


def tasks_per_year(plan: Plan) -> list[tuple[int, int]]:
    counts: dict[int, int] = {}
    for deadline in plan.tasks.values_list("deadline", flat=True):
        counts[deadline.year] = counts.get(deadline.year, 0) + 1
    return sorted(counts.items())


def headline_targets(plan: Plan) -> QuerySet[Target]:
    return targets_of(plan).filter(goal__isnull=False)
