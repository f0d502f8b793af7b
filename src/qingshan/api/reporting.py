"""Reports through the API, for a unit's own token: read its reports, versions and audit
events, and save drafts.  Everything goes through the reporting services and their rules."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from qingshan.accounts.tokens import token_for_key
from qingshan.audit.models import AuditEvent
from qingshan.numbers import parse_decimal
from qingshan.plans.models import Task
from qingshan.reporting import permissions as perms
from qingshan.reporting import services
from qingshan.reporting.models import Report, ReportingPeriod


class UnitToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for_key(token)
        if found is not None:
            request.api_actor = perms.actor_for_token(found)  # type: ignore[attr-defined]
            request.api_org = found.org  # type: ignore[attr-defined]
        return found


router = Router(tags=["填报 reporting"], auth=UnitToken())


class ValueOut(Schema):
    target: str
    value: Decimal


class EvidenceOut(Schema):
    name: str
    kind: str
    size: int
    sha256: str
    uploaded_at: dt.datetime


class ReportOut(Schema):
    id: int
    period: str
    task: int
    unit: str
    version: int
    supersedes: int | None
    state: str
    status: str
    percent: int
    narrative: str
    problems: str
    next_steps: str
    review_comment: str
    row_version: int
    updated_at: dt.datetime
    values: list[ValueOut]
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_period(obj: Report) -> str:
        return obj.period.label

    @staticmethod
    def resolve_task(obj: Report) -> int:
        return obj.task.number

    @staticmethod
    def resolve_unit(obj: Report) -> str:
        return obj.org.code

    @staticmethod
    def resolve_supersedes(obj: Report) -> int | None:
        return obj.supersedes_id

    @staticmethod
    def resolve_values(obj: Report) -> list[dict]:
        return [{"target": v.target.code, "value": v.value} for v in obj.values.all()]  # type: ignore[attr-defined]

    @staticmethod
    def resolve_evidence(obj: Report) -> list[dict]:
        return [
            {
                "name": e.original_name,
                "kind": e.kind,
                "size": e.size,
                "sha256": e.sha256,
                "uploaded_at": e.uploaded_at,
            }
            for e in obj.evidence.all()  # type: ignore[attr-defined]
        ]


class EventOut(Schema):
    at: dt.datetime
    action: str
    actor: str
    summary: str
    before: Any
    after: Any

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_label


class DraftIn(Schema):
    period: str
    task: int
    status: str | None = None
    percent: int | None = None
    narrative: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    values: dict[str, str | float] = {}
    row_version: int | None = None


def _own_reports(request: HttpRequest):
    return (
        Report.objects.filter(org=request.api_org)  # type: ignore[attr-defined]
        .select_related("period", "task", "org")
        .prefetch_related("values__target", "evidence")
        .order_by("period__start", "task__number", "version")
    )


def _own_report(request: HttpRequest, report_id: int) -> Report:
    report = _own_reports(request).filter(pk=report_id).first()
    if report is None:  # another unit's report looks exactly like a missing one
        raise HttpError(404, "report not found")
    return report


@router.get("/reports", response=list[ReportOut])
def list_reports(request: HttpRequest, period: str = "", task: int | None = None):
    reports = _own_reports(request)
    if period:
        reports = reports.filter(period__label=period)
    if task:
        reports = reports.filter(task__number=task)
    return reports


@router.get("/reports/{report_id}", response=ReportOut)
def get_report(request: HttpRequest, report_id: int):
    return _own_report(request, report_id)


@router.get("/reports/{report_id}/versions", response=list[ReportOut])
def report_versions(request: HttpRequest, report_id: int):
    report = _own_report(request, report_id)
    return _own_reports(request).filter(task=report.task, period=report.period)


@router.get("/reports/{report_id}/events", response=list[EventOut])
def report_events(request: HttpRequest, report_id: int):
    report = _own_report(request, report_id)
    ids = [str(v.pk) for v in services.versions(report)]
    return AuditEvent.objects.filter(object_type="report", object_id__in=ids).order_by("at", "id")


@router.post("/reports", response={200: ReportOut, 400: dict, 409: dict})
def save_report_draft(request: HttpRequest, payload: DraftIn):
    org = request.api_org  # type: ignore[attr-defined]
    actor = request.api_actor  # type: ignore[attr-defined]
    period = ReportingPeriod.objects.filter(plan__region=org.region, label=payload.period).first()
    task = Task.objects.filter(plan__region=org.region, number=payload.task).first()
    if period is None or task is None:
        return Status(400, {"detail": f"unknown period {payload.period!r} or task {payload.task}"})
    targets = {t.code: t.pk for t in services.reportable_targets(task, org)}
    values: dict[int, Decimal] = {}
    for code, raw in payload.values.items():
        if code not in targets:
            return Status(
                400,
                {"detail": f"target {code!r} is not one {org.name} reports on task {task.number}"},
            )
        try:
            values[targets[code]] = parse_decimal(raw)
        except ValueError as exc:
            return Status(400, {"detail": f"values.{code}: {exc}"})
    fields = {
        k: v for k, v in payload.dict().items() if k in services.EDITABLE_FIELDS and v is not None
    }
    try:
        report = services.save_draft(
            actor, task, org, period, fields, values or None, row_version=payload.row_version
        )
    except services.StaleEdit as exc:
        return Status(409, {"detail": str(exc)})
    except services.ReportingError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, _own_reports(request).get(pk=report.pk))
