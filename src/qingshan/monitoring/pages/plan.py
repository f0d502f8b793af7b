"""What the pages read from the default plan: its targets (and whether a value meets one) and
its district-level units."""

from __future__ import annotations

from collections.abc import Iterable

from qingshan.plans.models import Org, Plan, Target
from qingshan.plans.services import default_plan

PLAN_TARGETS_AIR = ("pm25-2020", "pm25-2022")
PLAN_TARGETS_WATER = (
    "city-sections-2020",
    "class-v-sections-2020",
    "worse-than-v-2020",
    "drinking-water-quality-2022",
)


def plan_targets(codes: Iterable[str]) -> dict[str, Target]:
    plan: Plan | None = default_plan()
    if plan is None:
        return {}
    found = Target.objects.filter(plan=plan, code__in=list(codes)).select_related("indicator")
    return {t.code: t for t in found}


def meets(target: Target | None, value: float | None) -> bool | None:
    """Whether a measured value satisfies a plan target (None: no target or no value)."""
    if target is None or value is None:
        return None
    goal = float(target.value)
    if target.comparator in ("<=",):
        return value <= goal
    if target.comparator in (">=", "at_least"):
        return value >= goal
    if target.comparator == ">":
        return value > goal
    if target.comparator == "=":
        return abs(value - goal) < 1e-9
    return None


def district_orgs() -> list[Org]:
    """District-level units of the default plan's region, in the plan's order."""
    orgs = Org.objects.filter(kind=Org.Kind.DISTRICT).order_by("id")
    plan = default_plan()
    return list(orgs.filter(region=plan.region) if plan else orgs)
