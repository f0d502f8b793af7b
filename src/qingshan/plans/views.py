"""Public pages of the plan registry; no login needed for a published plan."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import presenters, services
from .models import Indicator, Org, Plan, Responsibility

ROLE_LABELS = dict(Responsibility.Role.choices)


def plan_or_404(code: str) -> Plan:
    plan = services.published_plan(code)
    if plan is None:
        raise Http404("没有这个方案")
    return plan


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def overview(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    sections = list(plan.sections.order_by("order"))
    counts = services.task_counts_by_section(plan)
    for section in sections:
        section.task_count = counts.get(section.code, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "plans/overview.html",
        {"plan": plan, "sections": sections, "summary": services.plan_summary(plan)},
    )


def task_list(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    f = services.TaskFilter(
        section=request.GET.get("section", "").strip(),
        unit=request.GET.get("unit", "").strip(),
        role=request.GET.get("role", "").strip() if request.GET.get("role") in ROLE_LABELS else "",
        year=_int_or_none(request.GET.get("year")),
        q=request.GET.get("q", "").strip()[:100],
    )
    context = {
        "plan": plan,
        "rows": presenters.task_rows(plan, services.filter_tasks(plan, f)),
        "filter": f,
        "sections": plan.sections.filter(code__startswith="3.").order_by("order"),
        "units": Org.objects.filter(region=plan.region, responsibilities__task__plan=plan)
        .distinct()
        .order_by("kind", "id"),
        "years": services.deadline_years(plan),
        "roles": Responsibility.Role.choices,
        "total": plan.tasks.count(),
    }
    template = "plans/_task_table.html" if request.htmx else "plans/task_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def task_detail(request: HttpRequest, plan_code: str, number: int) -> HttpResponse:
    plan = plan_or_404(plan_code)
    task = get_object_or_404(services.tasks_with_units(plan), number=number)
    duties = list(task.responsibilities.all())  # type: ignore[attr-defined]
    return render(
        request,
        "plans/task_detail.html",
        {
            "plan": plan,
            "task": task,
            "lead": [d for d in duties if d.role == "lead"],
            "co": [d for d in duties if d.role == "co"],
            "territorial": [d for d in duties if d.role == "territorial"],
            "targets": services.targets_of(plan).filter(task=task),
            "previous": plan.tasks.filter(number__lt=number).order_by("-number").first(),
            "next": plan.tasks.filter(number__gt=number).order_by("number").first(),
        },
    )


def target_list(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    measurement = request.GET.get("measurement", "")
    f = services.TargetFilter(
        group=request.GET.get("group", "").strip(),
        scope=request.GET.get("scope", "").strip(),
        year=_int_or_none(request.GET.get("year")),
        measurement=measurement if measurement in dict(Indicator.Measurement.choices) else "",
        q=request.GET.get("q", "").strip()[:100],
    )
    targets = services.filter_targets(plan, f)
    groups = plan.sections.filter(code__regex=r"^(2|3)\.\d+$").order_by("order")
    context = {
        "plan": plan,
        "targets": targets,
        "filter": f,
        "groups": groups,
        "scopes": Org.objects.filter(region=plan.region, targets__plan=plan).distinct(),
        "scope_groups": plan.unit_groups.filter(targets__isnull=False).distinct(),
        "years": services.deadline_years(plan),
        "measurements": Indicator.Measurement.choices,
        "total": plan.targets.count(),
    }
    template = "plans/_target_table.html" if request.htmx else "plans/target_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def unit_list(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    units = list(services.units_with_counts(plan))
    kinds = []
    for value, label in Org.Kind.choices:
        members = [u for u in units if u.kind == value]
        if members:
            kinds.append((label, members))
    return render(request, "plans/unit_list.html", {"plan": plan, "kinds": kinds})


def unit_detail(request: HttpRequest, plan_code: str, unit_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    org = get_object_or_404(Org, region=plan.region, code=unit_code)
    return render(
        request,
        "plans/unit_detail.html",
        {
            "plan": plan,
            "org": org,
            "matrix": services.responsibility_matrix(plan, org),
            "successions": org.successions.select_related("successor").order_by("date"),  # type: ignore[attr-defined]
            "predecessions": services.inherited_from(org),
        },
    )
