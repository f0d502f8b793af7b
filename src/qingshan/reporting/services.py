"""The reporting workflow: periods, drafts, evidence, submission, review and corrections.

Every function that changes state runs in one transaction and writes its audit event there.
Permissions are checked here (not only in views) so the web pages, the Excel import and the
API obey the same rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.plans.models import Org, Plan, Responsibility, Target, Task
from qingshan.plans.services import answering_units
from qingshan.uploads import check_upload

from . import permissions as perms
from .models import DeadlineExtension, Evidence, Report, ReportingPeriod, ReportValue
from .notifications import notify_returned


class ReportingError(Exception):
    """A request the rules refuse; the message says why, in the user's language."""


class NotAllowed(ReportingError):
    pass


class StaleEdit(ReportingError):
    pass


# --- periods --------------------------------------------------------------------------------

QUARTER_DUE_DAYS = 15


def _quarters(start_year: int, end_year: int):
    for year in range(start_year, end_year + 1):
        for q in range(4):
            start = dt.date(year, 3 * q + 1, 1)
            end = (dt.date(year + (q == 3), (3 * q + 4 - 1) % 12 + 1, 1)) - dt.timedelta(days=1)
            yield f"{year}Q{q + 1}", start, end


def _halves(start_year: int, end_year: int):
    for year in range(start_year, end_year + 1):
        yield f"{year}H1", dt.date(year, 1, 1), dt.date(year, 6, 30)
        yield f"{year}H2", dt.date(year, 7, 1), dt.date(year, 12, 31)


def _months(start_year: int, end_year: int):
    for year in range(start_year, end_year + 1):
        for month in range(1, 13):
            end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
            yield f"{year}-{month:02d}", dt.date(year, month, 1), end


SCHEDULES = {"quarter": _quarters, "half": _halves, "month": _months}


@transaction.atomic
def create_periods(
    actor: perms.Actor, plan: Plan, kind: str = "quarter", due_days: int = QUARTER_DUE_DAYS
) -> list[ReportingPeriod]:
    """Create the plan's periods from a schedule; existing ones are left as they are."""
    if not perms.can_manage_periods(actor):
        raise NotAllowed("只有办公室可以设置填报期")
    if kind not in SCHEDULES:
        raise ReportingError(f"未知的填报周期：{kind}")
    created = []
    for label, start, end in SCHEDULES[kind](plan.start_year, plan.horizon_year):
        period, new = ReportingPeriod.objects.get_or_create(
            plan=plan,
            label=label,
            defaults={
                "kind": kind,
                "start": start,
                "end": end,
                "opens_on": end - dt.timedelta(days=14),
                "due_on": end + dt.timedelta(days=due_days),
            },
        )
        if new:
            created.append(period)
    if created:
        record_event(
            "period.create",
            "plan",
            plan.code,
            actor=actor.user,
            actor_label=actor.label,
            summary=f"按{kind}生成 {len(created)} 个填报期",
            after={"labels": [p.label for p in created]},
        )
    return created


@transaction.atomic
def set_period_open(actor: perms.Actor, period: ReportingPeriod, is_open: bool) -> None:
    if not perms.can_manage_periods(actor):
        raise NotAllowed("只有办公室可以开放或关闭填报期")
    if period.is_open == is_open:
        return
    period.is_open = is_open
    period.save(update_fields=["is_open"])
    record_event(
        "period.open" if is_open else "period.close",
        "period",
        period.label,
        actor=actor.user,
        actor_label=actor.label,
        before={"is_open": not is_open},
        after={"is_open": is_open},
    )


@transaction.atomic
def extend_deadline(
    actor: perms.Actor, period: ReportingPeriod, org: Org, due_on: dt.date, reason: str
) -> DeadlineExtension:
    if not perms.can_manage_periods(actor):
        raise NotAllowed("只有办公室可以延长截止日期")
    reason = reason.strip()
    if not reason:
        raise ReportingError("延期须说明理由")
    if due_on <= period.due_on:
        raise ReportingError(f"延期后的日期须晚于原截止日期 {period.due_on:%Y-%m-%d}")
    old = DeadlineExtension.objects.filter(period=period, org=org).first()
    extension, _ = DeadlineExtension.objects.update_or_create(
        period=period,
        org=org,
        defaults={"due_on": due_on, "reason": reason, "granted_by": actor.user},
    )
    record_event(
        "period.extend",
        "period",
        period.label,
        actor=actor.user,
        actor_label=actor.label,
        summary=f"{org.name} 延至 {due_on:%Y-%m-%d}：{reason}",
        before={"due_on": str(old.due_on) if old else str(period.due_on)},
        after={"org": org.code, "due_on": str(due_on), "reason": reason},
    )
    return extension


# --- what a unit reports on ------------------------------------------------------------------


@dataclass(frozen=True)
class Duty:
    task: Task
    role: str
    inherited_from: Org | None = None


def duties_for(org: Org, period: ReportingPeriod) -> list[Duty]:
    """The tasks `org` reports on in `period`: its own, plus those of units it succeeded.

    A district reports only for its own territory, so a task assigned to 江干区 in 2019 is
    reported by 上城区 from the periods that start after the 2021 redistricting.
    """
    duties: dict[int, Duty] = {}
    for r in Responsibility.objects.filter(task__plan=period.plan, org=org).select_related("task"):
        duties[r.task_id] = Duty(r.task, r.role)
    for succession in org.predecessions.select_related("predecessor"):  # type: ignore[attr-defined]
        if succession.date > period.end:
            continue
        predecessor = succession.predecessor
        if org not in answering_units(predecessor, period.end):
            continue
        inherited = Responsibility.objects.filter(
            task__plan=period.plan, org=predecessor
        ).select_related("task")
        for r in inherited:
            duties.setdefault(r.task_id, Duty(r.task, r.role, inherited_from=predecessor))
    if not org.is_valid_on(period.start) and not org.is_valid_on(period.end):
        return []
    return sorted(duties.values(), key=lambda d: d.task.number)


def carries_task(org: Org, task: Task, period: ReportingPeriod) -> bool:
    """Whether `org` reports on `task` in `period` — the same rule as duties_for, for one task."""
    if task.plan_id != period.plan_id:
        return False
    if not (org.is_valid_on(period.start) or org.is_valid_on(period.end)):
        return False
    if Responsibility.objects.filter(task=task, org=org).exists():
        return True
    return any(
        task.pk in {d.task.pk for d in duties_for(org, period)}
        for _ in org.predecessions.filter(date__lte=period.end)[:1]  # type: ignore[attr-defined]
    )


def reportable_targets(task: Task, org: Org) -> QuerySet[Target]:
    """Targets of the task whose value this unit reports: city-wide ones, and those scoped to
    the unit itself or to a group it belongs to."""
    return (
        task.targets.filter(
            Q(scope_org__isnull=True, scope_group__isnull=True)
            | Q(scope_org=org)
            | Q(scope_group__members=org)
        )
        .select_related("indicator")
        .distinct()
        .order_by("order")
    )


def current_report(task: Task, org: Org, period: ReportingPeriod) -> Report | None:
    return (
        Report.objects.filter(task=task, org=org, period=period)
        .select_related("task", "org", "period")
        .order_by("-version")
        .first()
    )


def last_approved(task: Task, org: Org, before: ReportingPeriod | None = None) -> Report | None:
    """The unit's latest approved report on the task, from periods ending before `before`."""
    qs = Report.objects.filter(task=task, org=org, state=Report.State.APPROVED)
    if before is not None:
        qs = qs.filter(period__end__lt=before.end)
    return qs.order_by("-period__end", "-version").first()


# --- drafts -----------------------------------------------------------------------------------

EDITABLE_FIELDS = ("status", "percent", "narrative", "problems", "next_steps")
MAX_VALUE = Decimal(10) ** 12  # ReportValue.value holds 12 integer digits and 4 decimals


def snapshot(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(report, name) for name in EDITABLE_FIELDS}
    data["state"] = report.state
    data["values"] = {
        v.target.code: str(v.value.normalize())
        for v in report.values.select_related("target")  # type: ignore[attr-defined]
    }
    data["evidence"] = [e.original_name for e in report.evidence.all()]  # type: ignore[attr-defined]
    return data


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {k: fields[k] for k in EDITABLE_FIELDS if k in fields}
    if "status" in clean and clean["status"] not in Report.Status.values:
        raise ReportingError(f"进展状态“{clean['status']}”无效")
    if "percent" in clean:
        percent = clean["percent"]
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            raise ReportingError("完成比例须为 0 到 100 的整数")
    for key in ("narrative", "problems", "next_steps"):
        if key in clean:
            clean[key] = str(clean[key]).strip()
            if len(clean[key]) > 5000:
                raise ReportingError("文字说明不能超过 5000 字")
    return clean


@transaction.atomic
def save_draft(
    actor: perms.Actor,
    task: Task,
    org: Org,
    period: ReportingPeriod,
    fields: dict[str, Any],
    values: Mapping[int, Decimal | None] | None = None,
    row_version: int | None = None,
) -> Report:
    """Create or update the unit's editable report for the task and period.

    `values` maps target ids to cumulative values.  `row_version` is the version the editor
    started from: if someone saved in between, the save is refused instead of overwriting.
    """
    if not perms.can_report_for(actor, org.pk):
        raise NotAllowed(f"您不能为{org.name}填报")
    if not period.is_open:
        raise ReportingError(f"{period.title}未开放填报")
    if not carries_task(org, task, period):
        raise ReportingError(f"{org.name}不承担任务 {task.number}，不能填报")
    clean = _check_fields(fields)
    report = (
        Report.objects.select_for_update()
        .filter(task=task, org=org, period=period)
        .order_by("-version")
        .first()
    )
    if report is not None and not report.is_editable:
        state = report.get_state_display()
        raise ReportingError(
            f"该报告{state}，不能修改" + ("；如需更正请新建更正版本" if report.is_locked else "")
        )
    if report is not None and row_version is not None and row_version != report.row_version:
        raise StaleEdit(
            "该报告已被他人修改并保存，为避免覆盖，本次保存未生效。请刷新页面查看最新内容后再修改。"
        )
    before = snapshot(report) if report else None
    if report is None:
        report = Report(task=task, org=org, period=period, created_by=actor.user)
        previous = last_approved(task, org, before=period)
        if previous is not None:  # start from what was last approved
            for name in ("status", "percent"):
                setattr(report, name, getattr(previous, name))
    else:
        report.row_version += 1
    for name, value in clean.items():
        setattr(report, name, value)
    try:
        with transaction.atomic():  # a savepoint: a lost race must not break the outer transaction
            report.save()
    except IntegrityError:
        # Two first saves at the same time: the row did not exist to be locked.
        raise StaleEdit(
            "同一时间有人新建了这份报告，本次保存未生效。请刷新页面后再修改。"
        ) from None
    if values is not None:
        _save_values(report, values)
    record_event(
        "report.save",
        "report",
        report.pk,
        actor=actor.user,
        actor_label=actor.label,
        summary="保存草稿" if report.state == Report.State.DRAFT else "修改退回的报告",
        before=before,
        after=snapshot(report),
    )
    return report


def _save_values(report: Report, values: Mapping[int, Decimal | None]) -> None:
    allowed = {t.pk: t for t in reportable_targets(report.task, report.org)}
    for target_id, value in values.items():
        if target_id not in allowed:
            raise ReportingError(f"目标 {target_id} 不属于本单位在该任务中填报的目标")
        if value is None:
            ReportValue.objects.filter(report=report, target_id=target_id).delete()
            continue
        name = allowed[target_id].indicator.name
        if value < 0:
            raise ReportingError(f"{name}：累计值不能为负数")
        if value.as_tuple().exponent < -4 or abs(value) >= MAX_VALUE:  # type: ignore[operator]
            raise ReportingError(f"{name}：数值须小于 10¹²，且最多 4 位小数（收到 {value}）")
        ReportValue.objects.update_or_create(
            report=report, target_id=target_id, defaults={"value": value}
        )


@transaction.atomic
def add_evidence(actor: perms.Actor, report: Report, name: str, data: bytes) -> Evidence:
    if not perms.can_edit(actor, report):
        raise NotAllowed("只能在本单位未提交的报告中上传佐证材料")
    checked = check_upload(name, data)
    digest = hashlib.sha256(data).hexdigest()
    if report.evidence.filter(sha256=digest).exists():  # type: ignore[attr-defined]
        raise ReportingError(f"{name}: 该文件已上传过")
    evidence = Evidence(
        report=report,
        original_name=name[:200],
        kind=checked.kind,
        size=checked.size,
        sha256=digest,
        uploaded_by=actor.user,
    )
    safe_name = f"file.{name.rsplit('.', 1)[-1].lower()}" if "." in name else "file"
    evidence.file.save(safe_name, ContentFile(data), save=False)
    evidence.save()
    record_event(
        "report.evidence",
        "report",
        report.pk,
        actor=actor.user,
        actor_label=actor.label,
        summary=f"上传佐证材料 {name}",
        after={"file": name, "sha256": digest, "size": checked.size},
    )
    return evidence


# --- review -----------------------------------------------------------------------------------


ACTION_LABELS = {
    "report.submit": "提交审核",
    "report.approve": "审核通过",
    "report.return": "退回修改",
}


def _transition(actor: perms.Actor, report: Report, action: str, state: str, **changes) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.row_version != report.row_version or locked.state != report.state:
        raise StaleEdit("该报告的状态已经变化，请刷新页面后再操作。")
    before = snapshot(locked)
    locked.state = state
    locked.row_version += 1
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    record_event(
        action,
        "report",
        locked.pk,
        actor=actor.user,
        actor_label=actor.label,
        summary=ACTION_LABELS[action],
        before=before,
        # Values and evidence do not change in a transition: no need to read them again.
        after=before
        | {"state": state}
        | {k: str(v) for k, v in changes.items() if k == "review_comment"},
    )
    return locked


@transaction.atomic
def submit_report(actor: perms.Actor, report: Report) -> Report:
    if not perms.can_submit(actor, report):
        raise NotAllowed("只有本单位审核人可以提交本单位未提交的报告")
    if not report.narrative.strip():
        raise ReportingError("提交前请填写工作完成情况")
    return _transition(
        actor, report, "report.submit", Report.State.SUBMITTED, submitted_at=timezone.now()
    )


@transaction.atomic
def approve_report(actor: perms.Actor, report: Report) -> Report:
    if not perms.can_review(actor, report):
        raise NotAllowed("只有办公室可以审核已提交的报告")
    return _transition(
        actor, report, "report.approve", Report.State.APPROVED, reviewed_at=timezone.now()
    )


@transaction.atomic
def return_report(actor: perms.Actor, report: Report, comment: str) -> Report:
    if not perms.can_review(actor, report):
        raise NotAllowed("只有办公室可以退回已提交的报告")
    comment = comment.strip()
    if not comment:
        raise ReportingError("退回时须填写审核意见，说明需要修改什么")
    returned = _transition(
        actor,
        report,
        "report.return",
        Report.State.RETURNED,
        review_comment=comment,
        reviewed_at=timezone.now(),
    )
    transaction.on_commit(lambda: notify_returned(returned))
    return returned


@transaction.atomic
def start_correction(actor: perms.Actor, report: Report) -> Report:
    """An approved report is never edited; a correction is a new version linked to it."""
    if not perms.can_correct(actor, report):
        raise NotAllowed("只能更正本单位已通过且尚未更正的报告")
    correction = Report.objects.create(
        task=report.task,
        org=report.org,
        period=report.period,
        version=report.version + 1,
        supersedes=report,
        created_by=actor.user,
        **{name: getattr(report, name) for name in EDITABLE_FIELDS},
    )
    for value in report.values.all():  # type: ignore[attr-defined]
        ReportValue.objects.create(report=correction, target=value.target, value=value.value)
    record_event(
        "report.correct",
        "report",
        correction.pk,
        actor=actor.user,
        actor_label=actor.label,
        summary=f"新建更正版本 v{correction.version}（更正 v{report.version}）",
        before={"supersedes": report.pk},
        after=snapshot(correction),
    )
    return correction


def versions(report: Report) -> list[Report]:
    return list(
        Report.objects.filter(task=report.task, org=report.org, period=report.period).order_by(
            "version"
        )
    )
