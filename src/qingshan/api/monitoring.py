"""Monitoring data through the API, for the 市生态环境局 token (the unit running the networks):
push rows as JSON or upload a file — validated whole, stored all or nothing, exactly as on the
upload page — and read the import batches and the corrections each made."""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from qingshan.accounts.tokens import token_for_key
from qingshan.monitoring.importing import (
    MAX_DATA_BYTES,
    ImportRefused,
    ImportResult,
    import_file,
    import_records,
)
from qingshan.monitoring.importing.permissions import MONITORING_UNIT, token_may_import
from qingshan.monitoring.models import ImportBatch

Kind = Literal["air", "water", "stations", "sections"]


class MonitoringToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return token_for_key(token)


router = Router(tags=["监测数据 monitoring"], auth=MonitoringToken())


class BatchOut(Schema):
    id: int
    kind: str
    source: str
    file_name: str
    sha256: str
    rows: int
    created: int
    updated: int
    unchanged: int
    by: str
    at: dt.datetime

    @staticmethod
    def resolve_by(obj: ImportBatch) -> str:
        return obj.by_label


class ImportOut(Schema):
    batch: BatchOut
    flagged: int
    ignored_columns: list[str]
    extras: int


class ProblemOut(Schema):
    file: str
    row: int | None
    column: str
    header: str
    value: str
    rule: str
    message: str


class RefusedOut(Schema):
    detail: str
    total: int
    problems: list[ProblemOut]


class RevisionOut(Schema):
    key: str
    old_value: float | None
    old_flag: str
    new_value: float | None
    new_flag: str


class RowsIn(Schema):
    kind: Kind | None = None
    automatic: bool = False
    name: str = "接口数据"
    rows: list[dict[str, Any]]


def _token(request: HttpRequest) -> Any:
    token = request.auth  # type: ignore[attr-defined]
    if not token_may_import(token):
        raise HttpError(403, f"only tokens of the monitoring unit ({MONITORING_UNIT}) may do this")
    return token


def _outcome(result: ImportResult) -> dict:
    return {
        "batch": result.batch,
        "flagged": result.flagged,
        "ignored_columns": result.ignored,
        "extras": result.extras,
    }


def _refused(exc: ImportRefused) -> Status:
    problems = [p.as_dict() for p in exc.problems]
    return Status(400, {"detail": str(exc), "total": exc.total, "problems": problems})


@router.post("/monitoring/imports", response={200: ImportOut, 400: RefusedOut})
def import_rows(request: HttpRequest, payload: RowsIn):
    """Rows as JSON objects whose keys are a file's header (e.g. 站点编码, 时间, PM2.5 or
    station, time, pollutant, value, flag)."""
    token = _token(request)
    try:
        result = import_records(
            payload.rows, kind=payload.kind, name=payload.name[:200], automatic=payload.automatic,
            source=ImportBatch.Source.API, label=f"API 令牌 {token.name}",
        )  # fmt: skip
    except ImportRefused as exc:
        return _refused(exc)
    return _outcome(result)


@router.post("/monitoring/imports/file", response={200: ImportOut, 400: RefusedOut})
def import_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    kind: Form[Kind | None] = None,
    automatic: Form[bool] = False,
):
    """A CSV or Excel file, as on the upload page (multipart/form-data, field `file`)."""
    token = _token(request)
    if file.size is not None and file.size > MAX_DATA_BYTES:
        raise HttpError(413, f"file larger than {MAX_DATA_BYTES // 1024 // 1024} MB")
    try:
        result = import_file(
            file.name or "upload.csv", file.read(), kind=kind, automatic=automatic,
            source=ImportBatch.Source.API, label=f"API 令牌 {token.name}",
        )  # fmt: skip
    except ImportRefused as exc:
        return _refused(exc)
    return _outcome(result)


@router.get("/monitoring/imports", response=list[BatchOut])
@paginate(LimitOffsetPagination, page_size=100)
def list_batches(request: HttpRequest, kind: Kind | None = None):
    _token(request)
    batches = ImportBatch.objects.order_by("-at", "-id")
    return batches.filter(kind=kind) if kind else batches


@router.get("/monitoring/imports/{batch_id}", response=BatchOut)
def get_batch(request: HttpRequest, batch_id: int):
    _token(request)
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise HttpError(404, "batch not found")
    return batch


@router.get("/monitoring/imports/{batch_id}/revisions", response=list[RevisionOut])
@paginate(LimitOffsetPagination, page_size=500)
def batch_revisions(request: HttpRequest, batch_id: int):
    _token(request)
    return get_batch(request, batch_id).revisions.order_by("id")
