"""Read-only API over the plan registry; texts are returned exactly as the plan writes them."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from qingshan.plans import services
from qingshan.plans.models import Org, Plan, Responsibility, Section, Target, Task

router = Router(tags=["方案 plans"])


class PlanOut(Schema):
    code: str
    title: str
    short_title: str
    document_number: str
    issuer: str
    issued_on: dt.date | None
    effective_on: dt.date | None
    start_year: int
    horizon_year: int
    region: str
    lead_unit: str | None

    @staticmethod
    def resolve_lead_unit(obj: Plan) -> str | None:
        return obj.lead_unit.name if obj.lead_unit else None


class SectionOut(Schema):
    code: str
    title: str
    text: str
    parent: str | None

    @staticmethod
    def resolve_parent(obj: Section) -> str | None:
        return obj.code.rsplit(".", 1)[0] if "." in obj.code else None


class DutyOut(Schema):
    unit: str
    unit_code: str
    role: str
    via_group: str


class TaskOut(Schema):
    number: int
    name: str
    section: str
    content: str
    responsible: str
    deadline: dt.date
    lead: str | None
    co_operators: list[str]
    responsibilities: list[DutyOut]

    @staticmethod
    def resolve_section(obj: Task) -> str:
        return obj.section.code

    @staticmethod
    def resolve_responsible(obj: Task) -> str:
        return obj.responsible_text

    @staticmethod
    def _duties(obj: Task) -> list[Responsibility]:
        return list(obj.responsibilities.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_lead(obj: Task) -> str | None:
        return next((d.org.name for d in TaskOut._duties(obj) if d.role == "lead"), None)

    @staticmethod
    def resolve_co_operators(obj: Task) -> list[str]:
        return [d.org.name for d in TaskOut._duties(obj) if d.role == "co"]

    @staticmethod
    def resolve_responsibilities(obj: Task) -> list[dict]:
        return [
            {"unit": d.org.name, "unit_code": d.org.code, "role": d.role, "via_group": d.via_group}
            for d in TaskOut._duties(obj)
        ]


class TargetOut(Schema):
    code: str
    indicator: str
    indicator_name: str
    comparator: str
    value: Decimal
    unit: str
    deadline: dt.date
    frequency: str
    scope: str
    scope_name: str
    baseline_year: int | None
    baseline_value: Decimal | None
    goal: str | None
    task: int | None
    source_text: str
    value_note: str

    @staticmethod
    def resolve_indicator(obj: Target) -> str:
        return obj.indicator.code

    @staticmethod
    def resolve_indicator_name(obj: Target) -> str:
        return obj.indicator.name

    @staticmethod
    def resolve_unit(obj: Target) -> str:
        return obj.unit or obj.indicator.unit

    @staticmethod
    def resolve_scope(obj: Target) -> str:
        if obj.scope_org:
            return obj.scope_org.code
        return obj.scope_group.code if obj.scope_group else "city"

    @staticmethod
    def resolve_scope_name(obj: Target) -> str:
        return obj.scope_label

    @staticmethod
    def resolve_goal(obj: Target) -> str | None:
        return obj.goal.code if obj.goal else None

    @staticmethod
    def resolve_task(obj: Target) -> int | None:
        return obj.task.number if obj.task else None


class UnitOut(Schema):
    code: str
    name: str
    full_name: str
    kind: str
    aliases: list[str]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: list[str]

    @staticmethod
    def resolve_successors(obj: Org) -> list[str]:
        return [s.successor.code for s in obj.successions.all()]  # type: ignore[attr-defined]


class TaskFilters(Schema):
    section: str = ""
    unit: str = ""
    role: str = ""
    year: int | None = None
    q: str = ""


class TargetFilters(Schema):
    group: str = ""
    scope: str = ""
    year: int | None = None
    measurement: str = ""
    q: str = ""


def published_or_404(code: str) -> Plan:
    plan = services.published_plan(code)
    if plan is None:
        from ninja.errors import HttpError

        raise HttpError(404, f"no published plan with code {code!r}")
    return plan


@router.get("/plans", response=list[PlanOut])
def list_plans(request: HttpRequest):
    return Plan.objects.filter(is_published=True).select_related("lead_unit")


@router.get("/plans/{code}", response=PlanOut)
def get_plan(request: HttpRequest, code: str):
    return published_or_404(code)


@router.get("/plans/{code}/sections", response=list[SectionOut])
def list_sections(request: HttpRequest, code: str):
    return published_or_404(code).sections.order_by("order")


@router.get("/plans/{code}/tasks", response=list[TaskOut])
@paginate(LimitOffsetPagination, page_size=100)
def list_tasks(request: HttpRequest, code: str, filters: Query[TaskFilters]):
    f = services.TaskFilter(**filters.dict())
    return services.filter_tasks(published_or_404(code), f)


@router.get("/plans/{code}/tasks/{number}", response=TaskOut)
def get_task(request: HttpRequest, code: str, number: int):
    return get_object_or_404(services.tasks_with_units(published_or_404(code)), number=number)


@router.get("/plans/{code}/targets", response=list[TargetOut])
@paginate(LimitOffsetPagination, page_size=500)
def list_targets(request: HttpRequest, code: str, filters: Query[TargetFilters]):
    return services.filter_targets(published_or_404(code), services.TargetFilter(**filters.dict()))


@router.get("/plans/{code}/units", response=list[UnitOut])
def list_units(request: HttpRequest, code: str, kind: str = ""):
    plan = published_or_404(code)
    units = Org.objects.filter(region=plan.region).prefetch_related("successions__successor")
    return units.filter(kind=kind) if kind else units
