"""Validating the whole upload before anything is written: every row is checked (task, status,
percent, texts, target values), compared with the reports already stored, and every problem
collected; `validate` raises them all at once, or returns what is left to save."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from qingshan.plans.models import Org, Target, Task

from .. import services
from ..models import Report, ReportingPeriod
from ..workbook import (
    MAIN_SHEET,
    META_SHEET,
    VALUES_SHEET,
    current_reports,
    targets_by_task,
    values_of,
)
from .cells import (
    blank,
    cell_text,
    normal,
    parse_percent,
    parse_status,
    parse_task_number,
    parse_value,
    parse_whole,
)
from .layout import (
    MAIN_HEADERS,
    MAIN_REQUIRED,
    VALUE_HEADERS,
    VALUE_REQUIRED,
    data_lines,
    header_text,
)
from .meta_sheet import check_meta, read_meta
from .problems import Checker, WorkbookImportError, refuse
from .reading import Table, Upload

MAX_TEXT = 5000
TEXT_FIELDS = ("narrative", "problems", "next_steps")


@dataclass
class Row:
    line: int  # Excel row number in the main sheet
    task: Task
    fields: dict[str, Any]
    values: dict[int, Decimal | None] = field(default_factory=dict)  # target id → value


@dataclass
class Validated:
    """An upload with no problems: the rows to save and what is stored for them now."""

    sheet: str  # the main sheet's name, for problems found while saving
    todo: list[tuple[Row, Report | None, int | None]]  # row, its report (None: new), version
    stored: dict[int, dict[int, Decimal]]  # report id → target id → value
    unchanged: list[Report]  # reports whose row is the same as stored


def _main_rows(
    table: Table,
    org: Org,
    period: ReportingPeriod,
    duties: dict[int, services.Duty],
    check: Checker,
) -> tuple[list[Row], set[int]]:
    """One row per task: which task, its status, percent and texts."""
    rows: list[Row] = []
    seen: dict[int, int] = {}  # task number → the row it was first on
    for at in data_lines(table, MAIN_HEADERS, MAIN_REQUIRED, check):
        if blank(at.get("number")):
            at.add("number", "必填", "缺少序号（任务编号）")
            continue
        number = at.parse("number", parse_task_number)
        if number is None:
            continue
        if number in seen:
            message = f"任务 {number} 在第 {seen[number]} 行已出现，每个任务只能有一行"
            at.add("number", "重复", message, number)
            continue
        seen[number] = at.line
        duty = duties.get(number)
        if duty is None:
            task = Task.objects.filter(plan=period.plan, number=number).first()
            if task is None:
                at.add("number", "任务不符", f"方案中没有序号为 {number} 的任务", number)
            else:
                message = f"{org.name}在{period.title}不承担任务 {number}（{task.name}），不能填报"
                at.add("number", "任务不符", message, number)
            continue
        name = at.get("name")
        if not blank(name) and normal(name) != normal(duty.task.name):
            message = f"序号 {number} 是“{duty.task.name}”，与本行的项目名称不符"
            at.add("name", "任务不符", message, name)
            continue
        fields: dict[str, Any] = {}
        for key, parse in (("status", parse_status), ("percent", parse_percent)):
            if blank(at.get(key)):
                at.add(key, "必填", "不能为空")
                continue
            parsed = at.parse(key, parse, rule="取值范围")
            if parsed is not None:
                fields[key] = parsed
        for key in TEXT_FIELDS:
            text = cell_text(at.get(key))
            if len(text) > MAX_TEXT:
                at.add(key, "长度", f"不能超过 {MAX_TEXT} 字（现有 {len(text)} 字）", text)
            fields[key] = text
        rows.append(Row(at.line, duty.task, fields))
    return rows, set(seen)


def _value_rows(
    table: Table,
    org: Org,
    period: ReportingPeriod,
    by_code: dict[str, Target],
    rows: dict[int, Row],
    numbers_seen: set[int],
    check: Checker,
) -> None:
    """Put the values of the sheet on their task's row."""
    seen: dict[str, int] = {}  # target code → the row it was first on
    for at in data_lines(table, VALUE_HEADERS, VALUE_REQUIRED, check):
        code = cell_text(at.get("code"))
        if not code:
            at.add("code", "必填", "缺少指标代码")
            continue
        if code in seen:
            at.add("code", "重复", f"该指标在第 {seen[code]} 行已出现，每个指标只能有一行", code)
            continue
        seen[code] = at.line
        target = by_code.get(code)
        if target is None:
            if Target.objects.filter(plan=period.plan, code=code).exists():
                message = f"该指标不是{org.name}在{period.title}填报的指标"
            else:
                message = "方案中没有该指标代码"
            at.add("code", "任务不符", message, code)
            continue
        task = target.task
        assert task is not None  # reportable targets belong to a task
        number = at.get("number")
        if not blank(number):
            try:
                matches = parse_whole(number) == task.number
            except ValueError:
                matches = False
            if not matches:
                message = f"指标 {code} 属于任务 {task.number}，与本行序号不符"
                at.add("number", "任务不符", message, number)
                continue
        value = at.parse("value", parse_value)
        if value is None and not blank(at.get("value")):
            continue
        row = rows.get(task.pk)
        if row is None:
            if task.number not in numbers_seen:
                message = f"任务 {task.number} 在“{MAIN_SHEET}”表中没有对应的行"
                at.add("code", "任务不符", message, code)
            continue  # else the task's row has its own problem
        row.values[target.pk] = value


def _same(
    report: Report, fields: dict[str, Any], values: dict[int, Decimal | None], stored
) -> bool:
    if any(getattr(report, name) != value for name, value in fields.items()):
        return False
    return all(stored.get(target_id) == value for target_id, value in values.items())


def validate(upload: Upload, org: Org, period: ReportingPeriod) -> Validated:
    """Check the whole upload against the plan, the unit's duties and the stored reports; raise
    `WorkbookImportError` with every problem found, or return what to save."""
    check = Checker()
    meta = read_meta(upload.tables.get(META_SHEET), check)
    if meta is not None:
        check_meta(meta, org, period)
    if not period.is_open:
        raise refuse("填报期", f"{period.title}未开放填报，不能导入")
    for sheet, line, col, formula in upload.formulas:
        message = "单元格含公式；请复制后“选择性粘贴 → 数值”，再上传"
        header = header_text(upload.tables.get(sheet), col)
        check.add("公式", message, sheet=sheet, row=line, col=col, header=header, value=formula)

    duties = {d.task.number: d for d in services.duties_for(org, period)}
    main = upload.tables.get(upload.main or "")
    if main is None:
        check.add("工作表", f"找不到“{MAIN_SHEET}”工作表", sheet=MAIN_SHEET)
        raise WorkbookImportError(check.problems)
    rows, numbers_seen = _main_rows(main, org, period, duties, check)
    if VALUES_SHEET in upload.tables:
        tasks = [d.task for d in duties.values()]
        by_code = {t.code: t for ts in targets_by_task(tasks, org).values() for t in ts}
        by_task = {row.task.pk: row for row in rows}
        table = upload.tables[VALUES_SHEET]
        _value_rows(table, org, period, by_code, by_task, numbers_seen, check)
    if not rows and not check.problems:
        check.add("无数据", "工作簿中没有可导入的行", sheet=main.name)

    current = current_reports(org, period)
    stored = values_of([current[row.task.pk] for row in rows if row.task.pk in current])
    todo: list[tuple[Row, Report | None, int | None]] = []
    unchanged: list[Report] = []
    for row in rows:
        report = current.get(row.task.pk)
        complete = {"status", "percent"} <= row.fields.keys()
        if (
            report is not None
            and complete
            and _same(report, row.fields, row.values, stored.get(report.pk, {}))
        ):
            unchanged.append(report)
            continue
        if report is not None and not report.is_editable:
            message = (
                f"任务 {row.task.number} 本期的报告{report.get_state_display()}，不能通过导入修改"
            )
            if report.is_locked:
                message += "；如需更正请在系统中新建更正版本"
            check.add("不可修改", message, sheet=main.name, row=row.line)
            continue
        exported = meta.versions.get(row.task.number) if meta is not None else None
        if meta is not None and report is not None and exported != report.row_version:
            message = (
                f"下载工作簿之后，任务 {row.task.number} 的报告已在系统中被保存过"
                "（网页修改或此前的导入）；为避免覆盖，请重新下载工作簿后再填写"
            )
            check.add("已被修改", message, sheet=main.name, row=row.line)
            continue
        todo.append((row, report, report.row_version if report is not None else None))
    if check.problems:
        raise WorkbookImportError(check.problems)
    return Validated(main.name, todo, stored, unchanged)
