"""Case lists as CSV (UTF-8 with BOM, for Excel) and Excel workbooks.

The unit's export is built from the unit's columns only; the identity columns exist in the
office's export alone.  The files are written by `qingshan.opendata`, which keeps cells a
spreadsheet would read as a formula (the reporter typed them) as text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from qingshan import opendata

from .access import unit_investigation
from .models import Tipoff

# The ledgers are for people working the cases: CSV and Excel (no JSON).
CONTENT_TYPES = {f: opendata.CONTENT_TYPES[f] for f in ("csv", "xlsx")}

CASE_COLUMNS = [
    "编号", "提交时间", "发现时间", "类别", "所在区县", "经度", "纬度", "涉及企业",
    "统一社会信用代码", "状态", "承办单位", "交办时间", "办理期限", "是否逾期",
    "举报内容（经审核）", "地点描述（经审核）", "核查结论", "调查核实情况", "采取的措施",
    "处罚决定书文号", "办理结果", "奖励决定", "奖励金额（元）", "数据性质",
]  # fmt: skip
OFFICE_ONLY_COLUMNS = [
    "举报内容（原文）", "地点描述（原文）", "举报人姓名", "举报人电话", "举报人邮箱",
    "领奖人姓名", "领奖人电话", "收款方式或账号", "奖励发放日期", "发放方式", "发放凭证号",
]  # fmt: skip


def _local(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _case_row(t: Tipoff, inv) -> list[Any]:
    reward = getattr(t, "reward", None)
    return [
        t.reference,
        _local(t.submitted_at),
        _local(t.occurred_at),
        t.get_category_display(),
        t.district.name if t.district else "",
        float(t.longitude) if t.longitude is not None else "",
        float(t.latitude) if t.latitude is not None else "",
        t.enterprise.name if t.enterprise else "",
        t.enterprise.credit_code if t.enterprise else "",
        t.get_status_display(),
        t.assigned_org.name if t.assigned_org else "",
        _local(t.assigned_at),
        t.deadline.isoformat() if t.deadline else "",
        "是" if t.is_overdue else "",
        t.shown_description,
        t.shown_address,
        inv.get_finding_display() if inv else "",
        inv.process if inv else "",
        inv.measures if inv else "",
        inv.penalty_number if inv else "",
        t.public_outcome if t.status == Tipoff.Status.CLOSED else "",
        (reward.stage_label if reward else ""),
        (float(reward.amount) if reward and reward.granted and reward.amount else ""),
        opendata.SIMULATED_LABEL if t.is_simulated else "真实举报",
    ]


def _office_row(t: Tipoff) -> list[Any]:
    identity = getattr(t, "identity", None)
    reward = getattr(t, "reward", None)
    claim = getattr(reward, "claim", None) if reward else None
    return [
        t.description,
        t.address,
        identity.name if identity else "",
        identity.phone if identity else "",
        identity.email if identity else "",
        claim.name if claim else "",
        claim.phone if claim else "",
        claim.account if claim else "",
        reward.paid_on.isoformat() if reward and reward.paid_on else "",
        reward.get_method_display() if reward and reward.method else "",
        reward.payout_reference if reward else "",
    ]


def _base(cases: QuerySet[Tipoff]) -> QuerySet[Tipoff]:
    return cases.select_related(
        "district", "enterprise", "assigned_org", "investigation", "reward"
    ).order_by("submitted_at", "id")


def office_table(cases: QuerySet[Tipoff]) -> tuple[list[str], Iterable[list[Any]]]:
    rows = (
        _case_row(t, getattr(t, "investigation", None)) + _office_row(t)
        for t in _base(cases).select_related("identity", "reward__claim")
    )
    return CASE_COLUMNS + OFFICE_ONLY_COLUMNS, rows


def unit_table(cases: QuerySet[Tipoff]) -> tuple[list[str], Iterable[list[Any]]]:
    return list(CASE_COLUMNS), (_case_row(t, unit_investigation(t)) for t in _base(cases))


def respond(headers: list[str], rows: Iterable[list[Any]], fmt: str, filename: str) -> HttpResponse:
    """Each row says itself whether it is simulated (数据性质, last column)."""
    table = opendata.Table(
        title=filename,
        filename=f"{filename}-{timezone.localdate():%Y%m%d}",
        headers=headers,
        rows=list(rows),
        simulated=False,
        nature_in_rows=True,
        sheet_name="举报",
    )
    return opendata.respond(table, fmt)
