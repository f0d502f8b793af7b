"""Rewards: the amount from the rule in force, overriding needs a reason, the first reporter
of a matter wins, the reporter claims with the code, the payout is recorded; all audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from qingshan.audit.models import AuditEvent
from qingshan.tipoffs.models import Reward, RewardClaim, RewardRule, Tipoff
from qingshan.tipoffs.services import NotAllowed, TipoffError
from qingshan.tipoffs.services.handling import close, record_investigation
from qingshan.tipoffs.services.rewards import claim_reward, decide_reward, record_payout, rule_for
from qingshan.tipoffs.services.triage import mark_duplicate

from .conftest import actor, person

pytestmark = pytest.mark.django_db


def test_the_rule_in_force_on_the_day_applies(rules):
    RewardRule.objects.filter(severity="serious").update(valid_to=dt.date(2024, 12, 31))
    RewardRule.objects.create(
        category="waste_water",
        severity="serious",
        amount=Decimal("3000"),
        valid_from=dt.date(2025, 1, 1),
    )
    assert rule_for("waste_water", "serious", dt.date(2024, 6, 1)).amount == Decimal("2000")
    assert rule_for("waste_water", "serious", dt.date(2025, 6, 1)).amount == Decimal("3000")
    assert rule_for("noise", "serious", dt.date(2025, 6, 1)) is None


def test_a_verified_case_gets_the_amount_of_its_rule(closed, rules):
    tipoff, _ = closed()
    [reward] = decide_reward(actor("office"), tipoff, grant=True, severity="major")
    assert (
        reward.granted
        and reward.amount == Decimal("10000")
        and reward.proposed_amount == Decimal("10000")
    )
    assert reward.rule.severity == "major"
    event = AuditEvent.objects.get(action="reward.decide", object_id=str(tipoff.pk))
    assert event.after["amount"] == "10000.00"


def test_overriding_the_amount_needs_a_reason(closed, rules):
    tipoff, _ = closed()
    with pytest.raises(TipoffError, match="说明理由"):
        decide_reward(
            actor("office"), tipoff, grant=True, severity="ordinary", amount=Decimal("800")
        )
    [reward] = decide_reward(
        actor("office"),
        tipoff,
        grant=True,
        severity="ordinary",
        amount=Decimal("800"),
        override_reason="举报人提供了关键证据，按规定上浮。",
    )
    assert reward.amount == Decimal("800") and reward.proposed_amount == Decimal("500")


def test_an_unfounded_case_gets_no_reward(closed, rules):
    tipoff, _ = closed(finding="unfounded")
    with pytest.raises(TipoffError, match="查实"):
        decide_reward(actor("office"), tipoff, grant=True, severity="ordinary")
    [refusal] = decide_reward(actor("office"), tipoff, grant=False, reason="经核查不属实。")
    assert not refusal.granted and refusal.amount is None


def test_only_the_office_decides_and_only_once(closed, rules):
    tipoff, _ = closed()
    with pytest.raises(NotAllowed):
        decide_reward(actor("xihu_approver"), tipoff, grant=True, severity="ordinary")
    decide_reward(actor("office"), tipoff, grant=True, severity="ordinary")
    with pytest.raises(TipoffError, match="已作出"):
        decide_reward(actor("office"), tipoff, grant=True, severity="major")


def test_among_duplicates_the_first_reporter_wins_and_later_ones_are_told_why(
    report, assigned, rules, client
):
    earliest, earliest_code = report()
    handled, handled_code = assigned()  # submitted later, but the one that was handled
    Tipoff.objects.filter(pk=earliest.pk).update(submitted_at=timezone.now() - dt.timedelta(days=1))
    latest, latest_code = report()
    mark_duplicate(actor("office"), earliest, handled)
    mark_duplicate(actor("office"), latest, handled)
    record_investigation(actor("xihu_reporter"), handled, "confirmed", "查实。")
    close(actor("office"), handled, "排污。", "已查处。", "approximate", True)
    made = decide_reward(actor("office"), handled, grant=True, severity="serious")
    by_case = {r.tipoff_id: r for r in made}
    assert by_case[earliest.pk].granted and by_case[earliest.pk].amount == Decimal("2000")
    assert not by_case[handled.pk].granted and not by_case[latest.pk].granted
    assert (
        earliest.reference in by_case[latest.pk].reason and "首报有效" in by_case[latest.pk].reason
    )
    told = client.post("/tipoffs/track/", {"code": latest_code}).content.decode()
    assert "不予奖励" in told and "首报有效" in told
    winner = client.post("/tipoffs/track/", {"code": earliest_code}).content.decode()
    assert "给予奖励" in winner and "2000" in winner and "申领奖励" in winner


def test_an_anonymous_reporter_claims_with_name_and_phone_seen_only_by_the_office(rewarded, client):
    tipoff, code = rewarded(named=False)
    missing = client.post("/tipoffs/track/claim/", {"code": code, "name": "", "phone": ""})
    assert missing.status_code == 400 and not RewardClaim.objects.exists()
    response = client.post(
        "/tipoffs/track/claim/",
        {"code": code, "name": "赵领奖", "phone": "13700002222", "account": "工商银行 6222…"},
    )
    assert response.status_code == 200 and "奖励申领已提交" in response.content.decode()
    claim = RewardClaim.objects.get()
    assert (claim.name, claim.phone) == ("赵领奖", "13700002222")
    event = AuditEvent.objects.get(action="reward.claim")
    assert "赵领奖" not in str(event.after) and "13700002222" not in str(event.after)
    with pytest.raises(TipoffError, match="已经申领"):
        claim_reward(tipoff, "赵领奖", "13700002222")
    client.force_login(person("office"))
    identity = client.get(f"/tipoffs/office/{tipoff.pk}/identity/").content.decode()
    assert "赵领奖" in identity and "13700002222" in identity


def test_a_claim_with_a_wrong_code_is_refused(rewarded, client):
    rewarded()
    response = client.post(
        "/tipoffs/track/claim/", {"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "name": "冒领", "phone": "110"}
    )
    assert response.status_code == 404 and not RewardClaim.objects.exists()


def test_the_payout_is_recorded_after_the_claim(rewarded, client):
    tipoff, code = rewarded()
    reward = Reward.objects.get(tipoff=tipoff)
    with pytest.raises(TipoffError, match="申领后"):
        record_payout(actor("office"), reward, timezone.localdate(), "bank", "HZ-001")
    claim_reward(tipoff, "张举报", "13900001234")
    with pytest.raises(NotAllowed):
        record_payout(actor("xihu_approver"), reward, timezone.localdate(), "bank", "HZ-001")
    record_payout(actor("office"), reward, timezone.localdate(), "bank", "HZ-001")
    reward.refresh_from_db()
    assert reward.stage == "paid" and reward.payout_reference == "HZ-001"
    html = client.post("/tipoffs/track/", {"code": code}).content.decode()
    assert "已发放" in html and "银行转账" in html
    actions = set(
        AuditEvent.objects.filter(object_id=str(tipoff.pk)).values_list("action", flat=True)
    )
    assert {
        "tipoff.submit",
        "tipoff.assign",
        "tipoff.investigate",
        "tipoff.close",
        "reward.decide",
        "reward.claim",
        "reward.pay",
    } <= actions


def test_the_office_decides_through_its_page(closed, rules, client):
    tipoff, _ = closed()
    client.force_login(person("office"))
    page = client.get(f"/tipoffs/office/{tipoff.pk}/").content.decode()
    assert "一般 500.00 元" in page and "较重 2000.00 元" in page
    client.post(f"/tipoffs/office/{tipoff.pk}/reward/", {"grant": "yes", "severity": "serious"})
    assert Reward.objects.get(tipoff=tipoff).amount == Decimal("2000")
