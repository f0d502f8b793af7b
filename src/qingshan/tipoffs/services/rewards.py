"""Rewards: the amount comes from the rule table, the first reporter of a matter wins, the
reporter claims through the tracking code, the office records the payout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.reporting.permissions import Actor

from ..models import Reward, RewardClaim, RewardRule, Severity, Tipoff
from .errors import NotAllowed, TipoffError
from .locking import lock


def rule_for(category: str, severity: str, day: dt.date) -> RewardRule | None:
    """The rule in force on `day` (the latest-starting one if several overlap)."""
    return (
        RewardRule.objects.filter(category=category, severity=severity, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from", "-id")
        .first()
    )


def duplicate_group(tipoff: Tipoff) -> list[Tipoff]:
    """The case a matter was merged into and every case merged into it, earliest first."""
    root = tipoff.root
    members = [root, *root.duplicates.filter(status=Tipoff.Status.DUPLICATE)]  # type: ignore[attr-defined]
    return sorted(members, key=lambda t: (t.submitted_at, t.pk))


def proposal(tipoff: Tipoff, severity: str) -> tuple[Tipoff, RewardRule | None]:
    """Who would get the reward (the first reporter) and the rule in force when they reported."""
    winner = duplicate_group(tipoff)[0]
    day = timezone.localdate(winner.submitted_at)
    return winner, rule_for(tipoff.root.category, severity, day)


def _reward_state(reward: Reward) -> dict:
    return {
        "tipoff": reward.tipoff.reference,
        "granted": reward.granted,
        "severity": reward.severity,
        "rule": reward.rule_id,
        "proposed_amount": str(reward.proposed_amount) if reward.proposed_amount else None,
        "amount": str(reward.amount) if reward.amount is not None else None,
        "override_reason": reward.override_reason,
        "reason": reward.reason,
    }


@transaction.atomic
def decide_reward(
    actor: Actor,
    tipoff: Tipoff,
    *,
    grant: bool,
    severity: str = "",
    amount: Decimal | None = None,
    override_reason: str = "",
    reason: str = "",
) -> list[Reward]:
    """Decide for the whole matter at once: the first reporter among the merged cases gets
    the reward, the later ones are told why not.  Returns the decisions made."""
    if not actor.is_office:
        raise NotAllowed("只有办公室可以作出奖励决定")
    root = lock(tipoff.root)  # decisions for one matter are made one at a time
    if root.status != Tipoff.Status.CLOSED:
        raise TipoffError("举报办结后才能作出奖励决定")
    group = duplicate_group(root)
    if Reward.objects.filter(tipoff__in=group).exists():
        raise TipoffError("该事项已作出奖励决定")
    investigation = getattr(root, "investigation", None)
    now = timezone.now()
    decisions: list[Reward] = []
    if grant:
        if investigation is None or not investigation.is_verified:
            raise TipoffError("只有经查实或部分查实的举报才能给予奖励")
        if severity not in Severity.values:
            raise TipoffError("请选择违法情节")
        winner, rule = proposal(root, severity)
        proposed = rule.amount if rule else None
        if amount is None:
            amount = proposed
        if amount is None:
            raise TipoffError("没有适用的奖励标准：请填写奖励金额，并说明理由")
        if amount <= 0:
            raise TipoffError("奖励金额须大于零")
        if amount != proposed and not override_reason.strip():
            raise TipoffError("奖励金额与标准不同，请说明理由")
        decisions.append(
            Reward(
                tipoff=winner,
                granted=True,
                severity=severity,
                rule=rule,
                proposed_amount=proposed,
                amount=amount,
                override_reason=override_reason.strip() if amount != proposed else "",
                reason=reason.strip(),
                decided_by=actor.user,
                decided_at=now,
            )
        )
        later = (
            f"同一问题已有更早的举报（{winner.reference}，"
            f"{timezone.localtime(winner.submitted_at):%Y年%m月%d日 %H:%M}提交）。"
            "按照“首报有效”的原则，奖励给予最先举报的人。感谢您的举报。"
        )
        decisions += [
            Reward(tipoff=t, granted=False, reason=later, decided_by=actor.user, decided_at=now)
            for t in group
            if t.pk != winner.pk
        ]
    else:
        if not reason.strip():
            raise TipoffError("请写明不予奖励的理由（举报人可以看到）")
        decisions += [
            Reward(
                tipoff=t,
                granted=False,
                severity=severity if severity in Severity.values else "",
                reason=reason.strip(),
                decided_by=actor.user,
                decided_at=now,
            )
            for t in group
        ]
    for decision in decisions:
        decision.save()
        record_event(
            "reward.decide",
            "tipoff",
            decision.tipoff_id,
            actor=actor.user,
            summary=(
                f"{decision.tipoff.reference} 奖励 {decision.amount} 元"
                if decision.granted
                else f"{decision.tipoff.reference} 不予奖励"
            ),
            after=_reward_state(decision),
        )
    return decisions


@transaction.atomic
def claim_reward(tipoff: Tipoff, name: str, phone: str, account: str = "") -> RewardClaim:
    """The reporter, through the tracking code, gives the payee's name and phone."""
    reward = Reward.objects.select_for_update().filter(tipoff=tipoff).first()
    if reward is None or not reward.granted:
        raise TipoffError("该举报没有可以申领的奖励")
    if RewardClaim.objects.filter(reward=reward).exists():
        raise TipoffError("奖励已经申领，请等待发放")
    name, phone = name.strip(), phone.strip()
    if not name or not phone:
        raise TipoffError("申领奖励须填写领奖人姓名和联系电话（只有办公室可以看到）")
    claim = RewardClaim.objects.create(
        reward=reward, name=name, phone=phone, account=account.strip()
    )
    record_event(
        "reward.claim",
        "tipoff",
        tipoff.pk,
        actor_label="举报人",
        summary=f"{tipoff.reference} 举报人申领奖励",
        after={"claimed": True, "account_given": bool(claim.account)},
    )
    return claim


@transaction.atomic
def record_payout(
    actor: Actor, reward: Reward, paid_on: dt.date, method: str, reference: str
) -> Reward:
    if not actor.is_office:
        raise NotAllowed("只有办公室可以登记奖励发放")
    if not reward.granted:
        raise TipoffError("不予奖励的决定没有发放")
    if not RewardClaim.objects.filter(reward=reward).exists():
        raise TipoffError("举报人申领后才能登记发放")
    if reward.paid_on:
        raise TipoffError("奖励已登记发放")
    if method not in Reward.Method.values:
        raise TipoffError("请选择发放方式")
    if paid_on > timezone.localdate():
        raise TipoffError("发放日期不能晚于今天")
    reward.paid_on = paid_on
    reward.method = method
    reward.payout_reference = reference.strip()
    reward.paid_by = actor.user
    reward.save(update_fields=["paid_on", "method", "payout_reference", "paid_by"])
    record_event(
        "reward.pay",
        "tipoff",
        reward.tipoff_id,
        actor=actor.user,
        summary=f"{reward.tipoff.reference} 奖励 {reward.amount} 元已发放（{reward.get_method_display()}）",
        after={
            "paid_on": paid_on.isoformat(),
            "method": method,
            "reference": reward.payout_reference,
        },
    )
    return reward
