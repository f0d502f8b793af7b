"""Download a unit's workbook for a period, and upload it filled in.  The work is done in
`workbook` and `workbook_import`; these views only check who asks and show the outcome."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from qingshan.plans.models import Org
from qingshan.plans.services import default_plan

from . import permissions as perms
from . import services
from .models import ReportingPeriod
from .workbook import XLSX_CONTENT_TYPE, build_workbook, workbook_filename
from .workbook_import import MAX_WORKBOOK_BYTES, WorkbookImportError, import_workbook


def _period_and_unit(period_label: str, unit: str) -> tuple[ReportingPeriod, Org]:
    plan = default_plan()
    if plan is None:
        raise Http404("尚未导入行动方案")
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("plan"), plan=plan, label=period_label
    )
    org = get_object_or_404(Org, region=plan.region, code=unit)
    return period, org


def attachment_header(filename: str, fallback: str) -> str:
    """Content-Disposition with an ASCII fallback and the real name per RFC 5987/6266."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@login_required
def download_workbook(request: HttpRequest, period_label: str, unit: str) -> HttpResponse:
    period, org = _period_and_unit(period_label, unit)
    if not perms.can_download_workbook(perms.actor_for(request.user), org.pk):
        raise PermissionDenied("您不能下载该单位的填报工作簿")
    response = HttpResponse(build_workbook(org, period), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = attachment_header(
        workbook_filename(org, period), f"{period.label}_{org.code}_workbook.xlsx"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def upload_workbook(request: HttpRequest, period_label: str, unit: str) -> HttpResponse:
    period, org = _period_and_unit(period_label, unit)
    actor = perms.actor_for(request.user)
    if not perms.can_report_for(actor, org.pk):
        raise PermissionDenied("您不能为该单位导入填报")
    context = {
        "plan": period.plan,
        "period": period,
        "org": org,
        "max_mb": MAX_WORKBOOK_BYTES // 1024 // 1024,
        "result": None,
        "error": None,
        "problems": [],
    }
    if request.method == "POST":
        upload = request.FILES.get("workbook")
        if upload is None:
            context["error"] = "请选择要上传的工作簿文件。"
        elif upload.size is not None and upload.size > MAX_WORKBOOK_BYTES:
            context["error"] = f"{upload.name}：文件过大，工作簿不能超过 {context['max_mb']} MB。"
        else:
            try:
                context["result"] = import_workbook(
                    actor, org, period, upload.name or "workbook.xlsx", upload.read()
                )
            except WorkbookImportError as exc:
                context["error"] = "未导入任何内容：请按下表修改后重新上传。"
                context["problems"] = exc.problems
                context["total"] = exc.total
            except services.NotAllowed as exc:
                raise PermissionDenied(str(exc)) from None
            except services.ReportingError as exc:
                context["error"] = str(exc)
    return render(request, "reporting/workbook.html", context)
