"""The offline workbook of a unit for one period: its tasks, pre-filled, to fill in Excel.

Sheet "填报" has one row per task the unit reports on (`services.duties_for`); sheet "目标数值"
one row per (task, target) whose value the unit reports (`services.reportable_targets`).  Both
are protected: only the input cells are unlocked, and they carry drop-down lists and range
checks.  A very hidden sheet "_meta" says which plan, period and unit the workbook is for, and
the version of each report when it was generated, so `workbook_import` can refuse a workbook of
another unit or period and refuse to overwrite a draft someone saved after the download.

Sheet protection is a convenience against slips, not a security boundary (its password hash is
weak and any tool can strip it): the import validates every cell again.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from qingshan.plans.formatting import plain_number
from qingshan.plans.models import Org, Responsibility, Target, Task

from . import services
from .models import Report, ReportingPeriod, ReportValue

FORMAT_NAME = "qingshan-reporting-workbook"
FORMAT_VERSION = 1

MAIN_SHEET = "填报"
VALUES_SHEET = "目标数值"
HELP_SHEET = "填写说明"
META_SHEET = "_meta"

# Column keys and their Chinese headers, in sheet order.
MAIN_COLUMNS: list[tuple[str, str]] = [
    ("number", "序号"),
    ("name", "项目名称"),
    ("role", "职责"),
    ("status", "进展状态"),
    ("percent", "完成比例（%）"),
    ("narrative", "工作完成情况"),
    ("problems", "存在问题"),
    ("next_steps", "下步打算"),
    ("state", "当前状态"),
]
MAIN_INPUTS = ("status", "percent", "narrative", "problems", "next_steps")
MAIN_WIDTHS = {
    "number": 6,
    "name": 26,
    "role": 12,
    "status": 11,
    "percent": 11,
    "narrative": 50,
    "problems": 32,
    "next_steps": 32,
    "state": 10,
}

VALUE_COLUMNS: list[tuple[str, str]] = [
    ("number", "序号"),
    ("name", "项目名称"),
    ("indicator", "指标"),
    ("target", "目标"),
    ("unit", "单位"),
    ("previous", "上期已通过累计值"),
    ("value", "本期累计值"),
    ("code", "指标代码"),
]
VALUE_WIDTHS = {
    "number": 6,
    "name": 26,
    "indicator": 40,
    "target": 24,
    "unit": 10,
    "previous": 16,
    "value": 16,
    "code": 30,
}

STATUS_LABELS = [label for _, label in Report.Status.choices]
ROLE_LABELS = dict(Responsibility.Role.choices)

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3

HEADER_FILL = PatternFill("solid", fgColor="D9EAD3")
INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
THIN = Side(style="thin", color="BBBBBB")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)

ValidationType = Literal["list", "whole", "decimal"]
MetaRow = tuple[str, int, int, str, int | str]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HELP_TEXT = [
    "填写说明",
    "1. 只需填写浅黄色单元格；灰色单元格为只读（已提交或已通过的报告不能在此修改）。",
    "2. “进展状态”请从下拉列表中选择：未启动、推进中、已完成、滞后、受阻。",
    "3. “完成比例（%）”填写 0 到 100 的整数，如 80（可带 % 号）。",
    "4. “本期累计值”填写截至本期末的累计数值，只填数字，单位见“单位”列；可用全角数字和千位分隔符。",
    "5. 请不要使用公式，如需计算请先“选择性粘贴 → 数值”。",
    "6. 上传时整个文件一起校验：有任何问题，系统会列出工作表、行、列和原因，且不会保存任何一行；"
    "全部通过后每一行保存为草稿，仍需本单位审核人在系统中提交。",
    "7. 本文件只能导入下载它的单位和填报期；下载后如有人在系统中修改了同一报告，相应行会被拒绝，请重新下载。",
]


@dataclass
class TaskRow:
    """One task of the unit in the period, with what the workbook shows for it."""

    task: Task
    role_label: str
    report: Report | None  # the current version in this period, if any
    source: Report | None  # what the row is pre-filled from: the editable draft or last approved
    targets: list[Target]
    values: dict[int, Decimal]  # pre-filled values by target id
    previous_values: dict[int, Decimal]  # approved values of an earlier period

    @property
    def locked(self) -> bool:
        return self.report is not None and not self.report.is_editable

    @property
    def state_label(self) -> str:
        return self.report.get_state_display() if self.report else "未填报"


def workbook_filename(org: Org, period: ReportingPeriod) -> str:
    return f"{period.label}_{org.name}_进展填报.xlsx"


def workbook_password() -> str | None:
    return getattr(settings, "QINGSHAN_WORKBOOK_PASSWORD", None) or None


def targets_by_task(tasks: list[Task], org: Org) -> dict[int, list[Target]]:
    """`services.reportable_targets` for many tasks in one query (same filter, same order)."""
    result: dict[int, list[Target]] = defaultdict(list)
    targets = (
        Target.objects.filter(task__in=tasks)
        .filter(
            Q(scope_org__isnull=True, scope_group__isnull=True)
            | Q(scope_org=org)
            | Q(scope_group__members=org)
        )
        .select_related("indicator", "scope_org", "scope_group", "task")
        .distinct()
        .order_by("task__number", "order")
    )
    for target in targets:
        assert target.task_id is not None
        result[target.task_id].append(target)
    return result


def current_reports(org: Org, period: ReportingPeriod) -> dict[int, Report]:
    """The latest version of each of the unit's reports in the period, by task id."""
    latest: dict[int, Report] = {}
    for report in Report.objects.filter(org=org, period=period).order_by("version"):
        latest[report.task_id] = report
    return latest


def values_of(reports: list[Report]) -> dict[int, dict[int, Decimal]]:
    """Report id → {target id → value}."""
    result: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for report_id, target_id, value in ReportValue.objects.filter(report__in=reports).values_list(
        "report_id", "target_id", "value"
    ):
        result[report_id][target_id] = value
    return result


def _approved_before(tasks: list[Task], org: Org, period: ReportingPeriod, strictly: bool):
    """The last approved report of each task (like `services.last_approved`), by task id.

    With `strictly`, only periods that ended before this one started count ("上期")."""
    qs = Report.objects.filter(task__in=tasks, org=org, state=Report.State.APPROVED)
    qs = (
        qs.filter(period__end__lt=period.start)
        if strictly
        else qs.filter(period__end__lte=period.end)
    )
    latest: dict[int, Report] = {}
    for report in qs.order_by("period__end", "version"):
        latest[report.task_id] = report
    return latest


def task_rows(org: Org, period: ReportingPeriod) -> list[TaskRow]:
    duties = services.duties_for(org, period)
    tasks = [d.task for d in duties]
    targets = targets_by_task(tasks, org)
    current = current_reports(org, period)
    approved = _approved_before(tasks, org, period, strictly=False)
    previous = _approved_before(tasks, org, period, strictly=True)
    sources: dict[int, Report] = {}
    for task in tasks:
        source = current.get(task.pk) or approved.get(task.pk)
        if source is not None:
            sources[task.pk] = source
    values = values_of(list({r.pk: r for r in [*sources.values(), *previous.values()]}.values()))
    rows = []
    for duty in duties:
        task = duty.task
        role = ROLE_LABELS.get(duty.role, duty.role)
        if duty.inherited_from is not None:
            role += f"（承继{duty.inherited_from.name}）"
        source = sources.get(task.pk)
        prev = previous.get(task.pk)
        rows.append(
            TaskRow(
                task=task,
                role_label=role,
                report=current.get(task.pk),
                source=source,
                targets=targets.get(task.pk, []),
                values=dict(values.get(source.pk, {})) if source else {},
                previous_values=dict(values.get(prev.pk, {})) if prev else {},
            )
        )
    return rows


# --- writing ---------------------------------------------------------------------------------


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _put(ws: Worksheet, row: int, col: int, value: Any, *, editable: bool, wrap: bool = False):
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _text(value)
        if value.startswith("="):
            cell.data_type = "s"  # stored text that looks like a formula stays text
    else:
        cell.value = value
    cell.border = BORDER
    cell.fill = INPUT_FILL if editable else LOCKED_FILL
    if editable:
        cell.protection = UNLOCKED
    if wrap:
        cell.alignment = WRAP
    return cell


def _title_and_header(ws: Worksheet, title: str, columns: list[tuple[str, str]], widths: dict):
    ws.cell(row=TITLE_ROW, column=1, value=title).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(columns))
    ws.row_dimensions[TITLE_ROW].height = 22
    for index, (key, header) in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=index, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = widths[key]
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate


def _protect(ws: Worksheet, password: str | None) -> None:
    ws.protection.sheet = True
    if password:
        ws.protection.password = password
    # Let people widen columns and rows to read long text; everything else stays protected.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _validation(
    ws: Worksheet, kind: ValidationType, title: str, error: str, **kwargs: Any
) -> DataValidation:
    dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, **kwargs)
    dv.errorTitle = title
    dv.error = error
    dv.promptTitle = title
    dv.prompt = error
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    return dv


def _write_main(ws: Worksheet, org: Org, period: ReportingPeriod, rows: list[TaskRow]):
    title = f"{org.name} · {period.title}进展填报（截止 {period.due_on:%Y-%m-%d}）"
    _title_and_header(ws, title, MAIN_COLUMNS, MAIN_WIDTHS)
    status = _validation(
        ws,
        "list",
        "进展状态",
        "请从下拉列表中选择：" + "、".join(STATUS_LABELS),
        formula1='"' + ",".join(STATUS_LABELS) + '"',
    )
    status.allow_blank = False
    percent = _validation(
        ws,
        "whole",
        "完成比例（%）",
        "请填写 0 到 100 的整数",
        operator="between",
        formula1="0",
        formula2="100",
    )
    meta_rows: list[MetaRow] = []
    keys = [key for key, _ in MAIN_COLUMNS]
    for offset, row in enumerate(rows):
        r = FIRST_DATA_ROW + offset
        source = row.source
        data: dict[str, Any] = {
            "number": row.task.number,
            "name": row.task.name,
            "role": row.role_label,
            "status": (source.get_status_display() if source else Report.Status.NOT_STARTED.label),
            "percent": source.percent if source else 0,
            "narrative": source.narrative if source else "",
            "problems": source.problems if source else "",
            "next_steps": source.next_steps if source else "",
            "state": row.state_label,
        }
        # Like the web form: the editable draft if there is one, else the last approved report.
        editable = not row.locked
        for col, key in enumerate(keys, start=1):
            is_input = editable and key in MAIN_INPUTS
            cell = _put(
                ws, r, col, data[key], editable=is_input, wrap=key not in ("number", "percent")
            )
            if is_input and key == "status":
                status.add(cell.coordinate)
            elif is_input and key == "percent":
                percent.add(cell.coordinate)
        meta_rows.append(
            (MAIN_SHEET, r, row.task.number, "", row.report.row_version if row.report else "")
        )
    return meta_rows


def _write_values(ws: Worksheet, org: Org, period: ReportingPeriod, rows: list[TaskRow]):
    _title_and_header(
        ws, f"{org.name} · {period.title}量化目标累计完成值", VALUE_COLUMNS, VALUE_WIDTHS
    )
    number = _validation(
        ws,
        "decimal",
        "本期累计值",
        "请填写截至本期末的累计值（不小于 0 的数字）",
        operator="greaterThanOrEqual",
        formula1="0",
    )
    keys = [key for key, _ in VALUE_COLUMNS]
    meta_rows: list[MetaRow] = []
    r = FIRST_DATA_ROW
    for row in rows:
        if not row.targets:
            continue
        first = r
        for target in row.targets:
            indicator = target.indicator.name
            if target.scope_label != "全市":
                indicator += f"（{target.scope_label}）"
            value = row.values.get(target.pk)
            previous = row.previous_values.get(target.pk)
            data: dict[str, Any] = {
                "number": row.task.number,
                "name": row.task.name,
                "indicator": indicator,
                "target": f"{target.display_value}（{target.deadline:%Y年%m月}前）",
                "unit": target.unit or target.indicator.unit,
                "previous": float(previous) if previous is not None else None,
                "value": float(value) if value is not None else None,
                "code": target.code,
            }
            for col, key in enumerate(keys, start=1):
                is_input = key == "value" and not row.locked
                cell = _put(
                    ws,
                    r,
                    col,
                    data[key],
                    editable=is_input,
                    wrap=key in ("name", "indicator", "target"),
                )
                if key in ("previous", "value"):
                    cell.number_format = "#,##0.####"
                    if value is not None and key == "value" and _needs_text(value):
                        cell.value = plain_number(value)  # beyond float precision: keep exact
                if is_input:
                    number.add(cell.coordinate)
            meta_rows.append((VALUES_SHEET, r, row.task.number, target.code, ""))
            r += 1
        if r - first > 1:  # one task, several targets: merge the task's cells across them
            for col in (1, 2):
                ws.merge_cells(start_row=first, start_column=col, end_row=r - 1, end_column=col)
    return meta_rows


def _needs_text(value: Decimal) -> bool:
    return Decimal(repr(float(value))) != value


def _write_help(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 110
    for index, line in enumerate(HELP_TEXT, start=1):
        cell = ws.cell(row=index, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if index == 1:
            cell.font = Font(bold=True, size=13)


def _write_meta(
    ws: Worksheet,
    org: Org,
    period: ReportingPeriod,
    rows: list[MetaRow],
    generated_at: dt.datetime,
) -> None:
    header: list[tuple[str, Any]] = [
        ("format", FORMAT_NAME),
        ("version", FORMAT_VERSION),
        ("plan", period.plan.code),
        ("period", period.label),
        ("period_title", period.title),
        ("org", org.code),
        ("org_name", org.name),
        ("generated_at", generated_at.isoformat(timespec="seconds")),
    ]
    for index, (key, value) in enumerate(header, start=1):
        ws.cell(row=index, column=1, value=key)
        ws.cell(row=index, column=2, value=value)
    start = len(header) + 2
    for col, name in enumerate(("sheet", "row", "task", "target", "row_version"), start=1):
        ws.cell(row=start, column=col, value=name)
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            ws.cell(row=start + offset, column=col, value=value)
    ws.sheet_state = "veryHidden"


def build_workbook(org: Org, period: ReportingPeriod) -> bytes:
    """The unit's workbook for the period, as xlsx bytes."""
    rows = task_rows(org, period)
    password = workbook_password()
    wb = Workbook()
    main = wb.active
    assert main is not None
    main.title = MAIN_SHEET
    meta_rows = _write_main(main, org, period, rows)
    if any(row.targets for row in rows):
        values = wb.create_sheet(VALUES_SHEET)
        meta_rows += _write_values(values, org, period, rows)
        _protect(values, password)
    help_sheet = wb.create_sheet(HELP_SHEET)
    _write_help(help_sheet)
    _protect(main, password)
    _protect(help_sheet, password)
    _write_meta(wb.create_sheet(META_SHEET), org, period, meta_rows, timezone.localtime())
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    if password:
        wb.security.workbookPassword = password
    wb.properties.title = f"{period.title} {org.name} 进展填报"
    wb.properties.creator = "青山"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
