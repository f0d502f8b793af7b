"""Assessment pages.  Published runs are public; drafts are for the office and leaders; only the
office defines schemes, runs, re-runs and publishes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qingshan.accounts.roles import is_office, reads_oversight
from qingshan.plans.views import plan_or_404

from . import documents, schemes, services
from .forms import RunForm, SchemeForm
from .inputs import AssessmentError
from .models import AssessmentRun, Score


def _visible_run(request: HttpRequest, pk: int) -> AssessmentRun:
    run = get_object_or_404(AssessmentRun.objects.select_related("plan", "scheme"), pk=pk)
    if not run.is_published and not reads_oversight(request.user):
        raise Http404("考核结果尚未公布")
    return run


def run_list(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    office = is_office(request.user)
    if request.method == "POST" and not office:
        raise PermissionDenied("只有美丽杭州办可以开展考核")
    runs = plan.assessment_runs.select_related("scheme")  # type: ignore[attr-defined]
    if not reads_oversight(request.user):
        runs = runs.filter(published_at__isnull=False)
    form = RunForm(plan=plan) if office else None
    if office and request.method == "POST":
        form = RunForm(request.POST, plan=plan)
        if form.is_valid():
            scheme = schemes.ensure_default_scheme(plan, request.user)
            try:
                run = services.run_assessment(
                    request.user,
                    plan,
                    scheme,
                    kind=form.cleaned_data["kind"],
                    year=form.cleaned_data["year"],
                    include_pending=form.cleaned_data["include_pending"],
                )
            except AssessmentError as exc:
                form.add_error(None, str(exc))
                for line in exc.details[:20]:
                    form.add_error(None, line)
            else:
                messages.success(
                    request, f"已生成{run.title}（批次 #{run.pk}，用时 {run.seconds:.1f} 秒）"
                )
                return redirect("assessment:run", run.pk)
    return render(
        request,
        "assessment/run_list.html",
        {
            "plan": plan,
            "runs": runs,
            "form": form,
            "scheme": schemes.current_scheme(plan),
            "office": office,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def scheme(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    if not reads_oversight(request.user):
        raise PermissionDenied("评分办法由美丽杭州办制定")
    current = schemes.current_scheme(plan)
    rules = current.rules if current else schemes.DEFAULT_RULES
    form = SchemeForm(rules=rules, initial={"name": current.name if current else "考核评分办法"})
    if request.method == "POST":
        if not is_office(request.user):
            raise PermissionDenied("只有美丽杭州办可以修订评分办法")
        form = SchemeForm(request.POST, rules=rules)
        if form.is_valid():
            try:
                created = schemes.create_scheme(
                    plan,
                    form.rules(),
                    name=form.cleaned_data["name"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except schemes.SchemeError as exc:
                for problem in exc.problems:
                    form.add_error(None, problem)
            else:
                messages.success(request, f"已保存{created}")
                return redirect("assessment:scheme", plan.code)
    return render(
        request,
        "assessment/scheme.html",
        {
            "plan": plan,
            "form": form,
            "current": current,
            "versions": plan.schemes.all(),  # type: ignore[attr-defined]
            "office": is_office(request.user),
        },
        status=400 if form.errors else 200,
    )


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    context = documents.report_context(run)
    context.update(
        {
            "plan": run.plan,
            "office": is_office(request.user),
            "copies": run.copies.all(),  # type: ignore[attr-defined]
        }
    )
    return render(request, "assessment/run_detail.html", context)


def scorecard(request: HttpRequest, pk: int, org_code: str) -> HttpResponse:
    run = _visible_run(request, pk)
    score = get_object_or_404(Score, run=run, org__code=org_code)
    return render(
        request,
        "assessment/scorecard.html",
        {"plan": run.plan, "run": run, "score": score, "signed_in": request.user.is_authenticated},
    )


@login_required
@require_POST
def publish_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(AssessmentRun, pk=pk)
    try:
        services.publish(request.user, run)
    except services.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "考核结果已公布")
    return redirect("assessment:run", pk)


@login_required
@require_POST
def rerun_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(AssessmentRun, pk=pk)
    try:
        copy = services.rerun(request.user, run, schemes.current_scheme(run.plan))
    except services.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:run", pk)
    messages.success(
        request, f"已按当前数据和评分办法重算为新批次 #{copy.pk}；原批次 #{run.pk} 保持不变"
    )
    return redirect("assessment:run", copy.pk)


def run_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    response = HttpResponse(documents.stored_report_pdf(run), content_type="application/pdf")
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="assessment-{run.pk}.pdf"'
    return response


def run_excel(request: HttpRequest, pk: int) -> HttpResponse:
    run = _visible_run(request, pk)
    response = HttpResponse(
        documents.score_workbook(run),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="assessment-{run.pk}.xlsx"'
    return response
