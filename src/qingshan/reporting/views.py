"""Pages of the reporting workflow; the rules live in services and permissions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qingshan.audit.models import AuditEvent
from qingshan.plans.models import Org, Plan, Task
from qingshan.plans.services import default_plan

from . import permissions as perms
from . import queries, services
from .forms import ExtensionForm, ReportForm, ReturnForm
from .models import Evidence, Report, ReportingPeriod


def _plan() -> Plan:
    plan = default_plan()
    if plan is None:
        raise Http404("尚未导入行动方案")
    return plan


def _unit_choice(request: HttpRequest, actor: perms.Actor) -> Org | None:
    orgs = Org.objects.filter(pk__in=actor.reporting_org_ids).order_by("id")
    wanted = request.GET.get("unit")
    if wanted:
        return orgs.filter(code=wanted).first()
    return orgs.first()


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = perms.actor_for(request.user)
    plan = _plan()
    org = _unit_choice(request, actor)
    rows = queries.unit_inbox(org, plan) if org else []
    counts = {key: 0 for key in queries.BUCKET_LABELS}
    for row in rows:
        counts[row.bucket] += 1
    bucket = request.GET.get("show", "")
    shown = [r for r in rows if not bucket or r.bucket == bucket]
    return render(
        request,
        "reporting/inbox.html",
        {
            "plan": plan,
            "actor": actor,
            "org": org,
            "units": Org.objects.filter(pk__in=actor.reporting_org_ids),
            "open_periods": plan.periods.filter(is_open=True).order_by("start"),  # type: ignore[attr-defined]
            "rows": shown,
            "buckets": [(k, label, counts[k]) for k, label in queries.BUCKET_LABELS.items()],
            "bucket": bucket,
            "bucket_label": queries.BUCKET_LABELS.get(bucket, ""),
            "queue_size": queries.review_queue(plan).count() if actor.is_office else 0,
        },
    )


def _edit_context(report: Report | None, task: Task, org: Org, period: ReportingPeriod, form):
    return {
        "plan": period.plan,
        "task": task,
        "org": org,
        "period": period,
        "report": report,
        "form": form,
        "previous": services.last_approved(task, org, before=period),
        "evidence": report.evidence.all() if report else [],  # type: ignore[attr-defined]
    }


@login_required
def edit_report(request: HttpRequest, period_label: str, number: int, unit: str) -> HttpResponse:
    actor = perms.actor_for(request.user)
    plan = _plan()
    period = get_object_or_404(ReportingPeriod, plan=plan, label=period_label)
    task = get_object_or_404(Task, plan=plan, number=number)
    org = get_object_or_404(Org, region=plan.region, code=unit)
    if not perms.can_report_for(actor, org.pk):
        raise PermissionDenied("您不能为该单位填报")
    report = services.current_report(task, org, period)
    if report is not None and not report.is_editable:
        return redirect("reporting:report", report.pk)
    targets = list(services.reportable_targets(task, org))
    if request.method == "POST":
        form = ReportForm(request.POST, targets=targets)
        if form.is_valid():
            try:
                report = services.save_draft(
                    actor,
                    task,
                    org,
                    period,
                    form.report_fields(),
                    form.values(),
                    row_version=form.cleaned_data.get("row_version"),
                )
                for upload in request.FILES.getlist("evidence"):
                    services.add_evidence(actor, report, upload.name or "file", upload.read())
                if request.POST.get("action") == "submit":
                    services.submit_report(actor, report)
                    messages.success(request, "报告已提交办公室审核。")
                    return redirect("reporting:report", report.pk)
                messages.success(request, "草稿已保存。")
                return redirect(request.path)
            except services.ReportingError as exc:
                form.add_error(None, str(exc))
            except ValueError as exc:  # an evidence file refused by its checks
                form.add_error(None, str(exc))
    else:
        initial = {"status": "not_started", "percent": 0}
        source = report or services.last_approved(task, org, before=period)
        if source is not None:
            initial = {name: getattr(source, name) for name in services.EDITABLE_FIELDS}
            for value in source.values.all():  # type: ignore[attr-defined]
                initial[f"value_{value.target_id}"] = format(value.value.normalize(), "f")
        if report is not None:
            initial["row_version"] = report.row_version
        form = ReportForm(initial=initial, targets=targets)
    context = _edit_context(report, task, org, period, form)
    context["can_submit"] = actor.has(org.pk, "approver")
    return render(request, "reporting/edit.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = perms.actor_for(request.user)
    report = get_object_or_404(Report.objects.select_related("task", "org", "period"), pk=pk)
    if not perms.can_view(actor, report):
        raise PermissionDenied("您无权查看该报告")
    all_versions = services.versions(report)
    events = AuditEvent.objects.filter(
        object_type="report", object_id__in=[str(v.pk) for v in all_versions]
    ).order_by("at", "id")
    return render(
        request,
        "reporting/detail.html",
        {
            "plan": report.period.plan,
            "report": report,
            "versions": all_versions,
            "events": events,
            "values": report.values.select_related("target__indicator"),  # type: ignore[attr-defined]
            "can_edit": perms.can_edit(actor, report),
            "can_submit": perms.can_submit(actor, report),
            "can_review": perms.can_review(actor, report),
            "can_correct": perms.can_correct(actor, report),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def act_on_report(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = perms.actor_for(request.user)
    report = get_object_or_404(Report, pk=pk)
    if not perms.can_view(actor, report):
        raise PermissionDenied("您无权操作该报告")
    try:
        if action == "submit":
            report = services.submit_report(actor, report)
            messages.success(request, "报告已提交办公室审核。")
        elif action == "approve":
            report = services.approve_report(actor, report)
            messages.success(request, "报告已审核通过。")
        elif action == "return":
            form = ReturnForm(request.POST)
            comment = form.data.get("comment", "")
            report = services.return_report(actor, report, str(comment))
            messages.success(request, "报告已退回，并已通知填报单位。")
        elif action == "correct":
            report = services.start_correction(actor, report)
            messages.success(request, f"已新建更正版本 v{report.version}。")
            return redirect(
                "reporting:edit", report.period.label, report.task.number, report.org.code
            )
        else:
            raise Http404()
    except services.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except services.ReportingError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:report", report.pk)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if not perms.can_view(perms.actor_for(request.user), evidence.report):
        raise PermissionDenied("您无权下载该文件")
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    actor = perms.actor_for(request.user)
    if not actor.is_office:
        raise PermissionDenied("只有办公室可以审核")
    plan = _plan()
    return render(
        request,
        "reporting/queue.html",
        {"plan": plan, "actor": actor, "reports": queries.review_queue(plan)},
    )


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    actor = perms.actor_for(request.user)
    if not (actor.is_office or actor.is_leader):
        raise PermissionDenied("只有办公室和领导可以查看填报情况总表")
    plan = _plan()
    years = list(range(plan.start_year, plan.horizon_year + 1))
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = 0
    periods = list(plan.periods.order_by("start"))  # type: ignore[attr-defined]
    if year in years:
        periods = [p for p in periods if p.start.year == year]
    return render(
        request,
        "reporting/matrix.html",
        {
            "plan": plan,
            "actor": actor,
            "matrix": queries.reporting_matrix(plan, periods),
            "years": years,
            "year": year,
        },
    )


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    actor = perms.actor_for(request.user)
    if not perms.can_manage_periods(actor):
        raise PermissionDenied("只有办公室可以管理填报期")
    plan = _plan()
    if request.method == "POST":
        try:
            _period_action(request, actor, plan)
        except services.ReportingError as exc:
            messages.error(request, str(exc))
        return redirect("reporting:periods")
    return render(
        request,
        "reporting/periods.html",
        {
            "plan": plan,
            "actor": actor,
            "periods": plan.periods.prefetch_related("extensions__org").order_by("start"),  # type: ignore[attr-defined]
            "extension_form": ExtensionForm(),
            "units": Org.objects.filter(responsibilities__task__plan=plan).distinct(),
        },
    )


def _period_action(request: HttpRequest, actor: perms.Actor, plan: Plan) -> None:
    action = request.POST.get("action")
    if action == "schedule":
        created = services.create_periods(actor, plan, request.POST.get("kind", "quarter"))
        messages.success(request, f"已生成 {len(created)} 个填报期。")
        return
    period = get_object_or_404(ReportingPeriod, plan=plan, pk=request.POST.get("period"))
    if action in ("open", "close"):
        services.set_period_open(actor, period, action == "open")
        messages.success(request, f"{period.title}已{'开放' if action == 'open' else '关闭'}。")
    elif action == "extend":
        form = ExtensionForm(request.POST)
        if not form.is_valid():
            raise services.ReportingError(
                "延期信息不完整："
                + "；".join(
                    f"{form.fields[k].label}{'、'.join(str(e) for e in v)}"
                    for k, v in form.errors.items()
                )
            )
        org = get_object_or_404(Org, region=plan.region, code=form.cleaned_data["org"])
        services.extend_deadline(
            actor, period, org, form.cleaned_data["due_on"], form.cleaned_data["reason"]
        )
        messages.success(request, f"{org.name}的{period.title}截止日期已延长。")


def task_progress_fragment(request: HttpRequest, plan_code: str, number: int) -> HttpResponse:
    """Public: the rolled-up progress of a task and its trail of approved reports."""
    task = get_object_or_404(Task, plan__code=plan_code, plan__is_published=True, number=number)
    actor = perms.actor_for(request.user)
    progress = queries.task_progress(task)
    return render(
        request,
        "reporting/_task_progress.html",
        {
            "task": task,
            "progress": progress,
            "target_rows": [
                (t, progress.targets[t.pk])
                for t in task.targets.select_related("indicator")  # type: ignore[attr-defined]
                if t.pk in progress.targets
            ],
            "trail": [(r, perms.can_view(actor, r)) for r in queries.approved_trail(task)],
        },
    )
