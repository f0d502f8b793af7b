"""Saving a validated upload: every row through `services.save_draft` in one transaction, so the
web form's permission, period, duty and target checks and audit trail apply; a refusal there
rolls the whole import back and is reported against its row."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from qingshan.audit.services import record_event
from qingshan.plans.models import Org

from .. import permissions as perms
from .. import services
from ..models import Report, ReportingPeriod
from .problems import Checker, WorkbookImportError
from .validation import Validated


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    reports: list[Report] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


def save_all(
    actor: perms.Actor, org: Org, period: ReportingPeriod, name: str, valid: Validated
) -> ImportResult:
    """Save every row as a draft — all of them, or none and raise `WorkbookImportError`."""
    result = ImportResult(unchanged=len(valid.unchanged), reports=list(valid.unchanged))
    check = Checker()
    with transaction.atomic():
        for row, report, version in valid.todo:
            old = valid.stored.get(report.pk, {}) if report is not None else {}
            values = {t: v for t, v in row.values.items() if v is not None or t in old}
            try:
                saved = services.save_draft(
                    actor, row.task, org, period, row.fields, values or None, row_version=version
                )
            except services.ReportingError as exc:  # e.g. someone submitted it in between
                check.add("保存", str(exc), sheet=valid.sheet, row=row.line)
                continue
            except IntegrityError:  # someone created the same report in between
                message = f"任务 {row.task.number} 的报告刚被他人创建，请重新下载工作簿后再填写"
                check.add("保存", message, sheet=valid.sheet, row=row.line)
                continue
            result.reports.append(saved)
            if report is None:
                result.created += 1
            else:
                result.updated += 1
        if check.problems:
            raise WorkbookImportError(check.problems)  # rolls back every row saved above
        if result.created or result.updated:
            record_event(
                "report.import",
                "period",
                period.label,
                actor=actor.user,
                summary=f"{org.name} 导入工作簿 {name}：新建 {result.created}，"
                f"更新 {result.updated}，未变 {result.unchanged}",
                after={
                    "org": org.code,
                    "file": name,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
    return result
