"""Case lists as CSV (UTF-8 with BOM, for Excel) and Excel workbooks.

The unit's export is built from the unit's columns only; the identity columns exist in the
office's export alone.  Cells a spreadsheet would read as a formula (=, +, -, @ at the start:
the reporter typed them) are prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Tipoff
from .presenters import SIMULATED_LABEL

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

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


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _local(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _case_row(t: Tipoff) -> list[Any]:
    inv = getattr(t, "investigation", None)
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
        SIMULATED_LABEL if t.is_simulated else "真实举报",
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
        _case_row(t) + _office_row(t)
        for t in _base(cases).select_related("identity", "reward__claim")
    )
    return CASE_COLUMNS + OFFICE_ONLY_COLUMNS, rows


def unit_table(cases: QuerySet[Tipoff]) -> tuple[list[str], Iterable[list[Any]]]:
    return list(CASE_COLUMNS), (_case_row(t) for t in _base(cases))


def respond(headers: list[str], rows: Iterable[list[Any]], fmt: str, filename: str) -> HttpResponse:
    name = f"{filename}-{timezone.localdate():%Y%m%d}.{fmt}"
    response = HttpResponse(content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([safe(v) for v in row])
        response.write("\ufeff" + text.getvalue())
        return response
    book = Workbook()
    sheet = book.active
    sheet.title = "举报"  # type: ignore[union-attr]
    sheet.append(headers)  # type: ignore[union-attr]
    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe(v) for v in row])  # type: ignore[union-attr]
    sheet.freeze_panes = "A2"  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    response.write(out.getvalue())
    return response
