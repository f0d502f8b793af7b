"""The upload page for monitoring data and the registry, its progress feed, and a batch's page.
The work is done in `importing`; these views check who asks and show the outcome."""

from __future__ import annotations

import re
import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from .importing import KIND_LABELS, MAX_DATA_BYTES, ImportRefused, Progress, import_file
from .importing.permissions import user_may_import
from .importing.progress import STAGES, CacheProgress, cache_key, read_progress
from .models import ImportBatch

TOKEN = re.compile(r"^[A-Za-z0-9-]{8,64}$")
MAX_MB = MAX_DATA_BYTES // 1024 // 1024


def _require_office(request: HttpRequest) -> None:
    if not user_may_import(request.user):
        raise PermissionDenied("只有监测数据管理人员（办公室）可以导入监测数据")


def _run(request: HttpRequest) -> dict:
    upload = request.FILES.get("file")
    if upload is None:
        return {"error": "请选择要上传的文件。"}
    if upload.size is not None and upload.size > MAX_DATA_BYTES:
        return {"error": f"{upload.name}：文件过大，不能超过 {MAX_MB} MB。"}
    kind = request.POST.get("kind") or None
    if kind not in (None, *KIND_LABELS):
        return {"error": "数据类型无效。"}
    token = request.POST.get("progress", "")
    progress = (
        CacheProgress(cache_key(request.user.pk, token)) if TOKEN.match(token) else Progress()
    )
    try:
        result = import_file(
            upload.name or "upload.csv",
            upload.read(),
            kind=kind,
            source=ImportBatch.Source.UPLOAD,
            user=request.user,
            label=request.user.get_username(),
            automatic=bool(request.POST.get("automatic")),
            progress=progress,
        )
    except ImportRefused as exc:
        return {
            "error": "未导入任何数据：请按下表修改后重新上传。",
            "problems": exc.problems,
            "total": exc.total,
        }
    return {"result": result}


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _require_office(request)
    context: dict = {"kinds": KIND_LABELS, "max_mb": MAX_MB, "stages": STAGES}
    if request.method == "POST":
        context.update(_run(request))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return render(request, "monitoring/import_outcome.html", context)
    batches = list(ImportBatch.objects.select_related("by")[:20])
    for batch in batches:
        setattr(batch, "kind_label", KIND_LABELS.get(batch.kind, batch.kind))  # noqa: B010
    context["batches"] = batches
    context["token"] = uuid.uuid4().hex
    return render(request, "monitoring/import.html", context)


@login_required
def import_progress(request: HttpRequest, token: str) -> JsonResponse:
    _require_office(request)
    state = read_progress(cache_key(request.user.pk, token)) if TOKEN.match(token) else None
    return JsonResponse(state or {"stage": "", "step": 0, "steps": len(STAGES)})


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_office(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("by"), pk=pk)
    revisions = batch.revisions.order_by("id")
    context = {
        "batch": batch,
        "kind_label": KIND_LABELS.get(batch.kind, batch.kind),
        "revisions": revisions[:500],
        "revision_count": revisions.count(),
    }
    return render(request, "monitoring/import_batch.html", context)
