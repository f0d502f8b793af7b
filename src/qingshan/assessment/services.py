"""Run, copy and publish assessments.  Only the office does any of it."""

from __future__ import annotations

import time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from qingshan.accounts.roles import is_office
from qingshan.audit.services import record_event
from qingshan.plans.models import Plan

from .inputs import AssessmentError, bounds, gather, pending_reports
from .models import AssessmentRun, AssessmentScheme, Score
from .schemes import check_rules
from .scoring import score_all


class NotAllowed(PermissionError):
    pass


def _office_only(user) -> None:
    if not is_office(user):
        raise NotAllowed("只有美丽杭州办可以开展和公布考核")


def run_assessment(
    user,
    plan: Plan,
    scheme: AssessmentScheme,
    *,
    kind: str,
    year: int,
    include_pending: bool = False,
    copy_of: AssessmentRun | None = None,
) -> AssessmentRun:
    """Freeze the inputs of the period, score and rank every unit, store it all at once.

    Reports still in review make the run refuse, listing them, unless the office chooses to
    assess on the approved reports alone — then the run says so in its summary.
    """
    _office_only(user)
    if scheme.plan_id != plan.pk:
        raise AssessmentError("评分办法不属于该方案")
    rules = check_rules(scheme.rules)
    if kind not in AssessmentRun.Kind.values:
        raise AssessmentError(f"未知的考核类型“{kind}”")
    started = time.perf_counter()
    start, end = bounds(plan, kind, year)
    pending = pending_reports(plan, start, end)
    if pending and not include_pending:
        raise AssessmentError(
            f"考核期内还有 {len(pending)} 份报告未审核通过，请先处理，或选择“仅按已审核报告考核”",
            pending,
        )
    inputs = gather(plan, start, end)
    scores = score_all(inputs, rules)
    summary = {
        "units": len(scores),
        "assessed": sum(1 for s in scores if s.total is not None),
        "pending_excluded": pending,
        "groups": {
            g: sum(1 for s in scores if s.group == g) for g in (Score.Group.MUNICIPAL, "district")
        },
    }
    with transaction.atomic():
        run = AssessmentRun.objects.create(
            plan=plan,
            scheme=scheme,
            kind=kind,
            year=year,
            start=start,
            end=end,
            copy_of=copy_of,
            inputs=inputs,
            summary=summary,
            created_by=user,
            seconds=0,
        )
        Score.objects.bulk_create(
            [
                Score(
                    run=run,
                    org_id=s.unit_id,
                    org_name=s.name,
                    group=s.group,
                    total=None if s.total is None else Decimal(str(s.total)),
                    rank=s.rank,
                    grade=s.grade,
                    items=[
                        {
                            "key": i.key,
                            "label": i.label,
                            "weight": i.weight,
                            "effective_weight": round(i.effective_weight, 2),
                            "score": None if i.score is None else round(i.score, 2),
                            "points": None if i.points is None else round(i.points, 2),
                            "explanation": i.explanation,
                            "rows": i.rows,
                        }
                        for i in s.items
                    ],
                    deductions=s.deductions,
                    note=s.note,
                )
                for s in scores
            ]
        )
        # The run's own duration is the one field written after creation, in the same
        # transaction, before anyone can see the run.
        AssessmentRun.objects.filter(pk=run.pk).update(seconds=time.perf_counter() - started)
        record_event(
            "assessment.run",
            "AssessmentRun",
            run.pk,
            actor=user,
            summary=f"{run.title}：{len(scores)} 个单位"
            + (f"（复制自批次 #{copy_of.pk}）" if copy_of else ""),
            after={"scheme": scheme.pk, "kind": kind, "year": year, "pending": len(pending)},
        )
    run.refresh_from_db()
    return run


def rerun(user, run: AssessmentRun, scheme: AssessmentScheme | None = None) -> AssessmentRun:
    """A new run of the same period on today's inputs (and optionally a newer scheme)."""
    return run_assessment(
        user,
        run.plan,
        scheme or run.scheme,
        kind=run.kind,
        year=run.year,
        include_pending=bool(run.summary.get("pending_excluded")),
        copy_of=run,
    )


def publish(user, run: AssessmentRun) -> AssessmentRun:
    _office_only(user)
    with transaction.atomic():
        run = AssessmentRun.objects.select_for_update().get(pk=run.pk)
        if run.is_published:
            raise AssessmentError(f"该批次已于 {run.published_at:%Y-%m-%d} 公布")
        newer = AssessmentRun.objects.filter(
            plan=run.plan, kind=run.kind, year=run.year, published_at__isnull=False
        ).first()
        if newer is not None:
            raise AssessmentError(
                f"{run.year} 年的{run.get_kind_display()}已公布（批次 #{newer.pk}），不能重复公布"
            )
        run.published_at = timezone.now()
        run.published_by = user
        run.save()
        record_event(
            "assessment.publish",
            "AssessmentRun",
            run.pk,
            actor=user,
            summary=f"公布 {run.title}",
            after={"published_at": run.published_at.isoformat()},
        )
    return run


def published_runs(plan: Plan):
    return plan.assessment_runs.filter(published_at__isnull=False).order_by("-year", "-kind")  # type: ignore[attr-defined]
