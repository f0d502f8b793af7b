"""The office's triage: likely duplicates, rejecting, merging, assigning with a deadline in
working days, moderation kept apart from the reporter's words, overdue cases flagged."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.utils import timezone

from qingshan.audit.models import AuditEvent
from qingshan.polluters.models import Enterprise
from qingshan.tipoffs.models import Tipoff
from qingshan.tipoffs.services import NotAllowed, TipoffError
from qingshan.tipoffs.services.calendar import load_published_holidays
from qingshan.tipoffs.services.triage import (
    assign,
    duplicate_candidates,
    mark_duplicate,
    moderate,
    reject,
)

from .conftest import XIHU_POINT, actor

pytestmark = pytest.mark.django_db


def north_of(point, metres):
    """A point `metres` due north (one degree of latitude is 111,195 m on the mean sphere)."""
    lon, lat = point
    return lon, (lat + Decimal(metres / 111_195)).quantize(Decimal("0.000001"))


def east_of(point, metres):
    lon, lat = point
    degrees = metres / (111_195 * math.cos(math.radians(float(lat))))
    return (lon + Decimal(degrees)).quantize(Decimal("0.000001")), lat


def test_a_report_within_100_m_and_7_days_is_suggested(report):
    when = timezone.now() - dt.timedelta(days=10)
    first, _ = report(occurred_at=when)
    near, _ = report(
        point=north_of(XIHU_POINT, 90), occurred_at=when + dt.timedelta(days=6, hours=23)
    )
    east, _ = report(point=east_of(XIHU_POINT, 95), occurred_at=when - dt.timedelta(days=2))
    found = {c.tipoff.pk: c for c in duplicate_candidates(first)}
    assert set(found) == {near.pk, east.pk}
    assert found[near.pk].distance_m == pytest.approx(90, abs=1)
    assert "相距 90 米" in found[near.pk].reasons


def test_150_m_away_or_8_days_apart_is_not_suggested(report):
    when = timezone.now() - dt.timedelta(days=20)
    first, _ = report(occurred_at=when)
    report(point=north_of(XIHU_POINT, 150), occurred_at=when)
    report(point=east_of(XIHU_POINT, 150), occurred_at=when + dt.timedelta(hours=1))
    report(point=XIHU_POINT, occurred_at=when + dt.timedelta(days=8))
    report(point=XIHU_POINT, occurred_at=when - dt.timedelta(days=8))
    assert duplicate_candidates(first) == []


def test_a_report_about_the_same_enterprise_is_suggested_wherever_it_was(report, org):
    enterprise = Enterprise.objects.create(
        name="杭州某某印染有限公司", credit_code="91330100MA2XXXXX1A", district=org("xiaoshan")
    )
    first, _ = report(enterprise=enterprise)
    far, _ = report(
        point=(Decimal("120.264000"), Decimal("30.183000")),
        enterprise=enterprise,
        occurred_at=timezone.now() - dt.timedelta(days=60),
    )
    found = duplicate_candidates(first)
    assert [c.tipoff.pk for c in found] == [far.pk] and found[0].reasons == ["同一企业"]


def test_rejected_reports_are_not_suggested(report):
    first, _ = report()
    other, _ = report()
    reject(actor("office"), other, "与环境问题无关。")
    assert duplicate_candidates(first) == []


def test_rejecting_needs_a_reason_and_is_audited(report):
    tipoff, _ = report()
    with pytest.raises(TipoffError):
        reject(actor("office"), tipoff, "  ")
    reject(actor("office"), tipoff, "反映的是邻里纠纷，不属于环境违法行为。")
    tipoff.refresh_from_db()
    assert tipoff.status == Tipoff.Status.REJECTED
    event = AuditEvent.objects.get(action="tipoff.reject", object_id=str(tipoff.pk))
    assert event.after["reason"] == "反映的是邻里纠纷，不属于环境违法行为。"


def test_only_the_office_triages(report, org):
    tipoff, _ = report()
    for username in ("xihu_approver", "leader", "shangcheng_reporter"):
        with pytest.raises(NotAllowed):
            reject(actor(username), tipoff, "不受理")
        with pytest.raises(NotAllowed):
            assign(actor(username), tipoff, org("xihu"), 10, "内容")


def test_merging_goes_to_the_original_and_carries_earlier_merges_along(report):
    a, _ = report()
    b, _ = report()
    c, _ = report()
    mark_duplicate(actor("office"), b, a)
    mark_duplicate(actor("office"), c, b)  # b is a duplicate: c joins a
    c.refresh_from_db()
    assert c.duplicate_of_id == a.pk and c.status == Tipoff.Status.DUPLICATE
    with pytest.raises(TipoffError):
        mark_duplicate(actor("office"), a, c)  # a is the root of c: not a duplicate of itself


def test_assigning_sets_a_deadline_in_working_days(report, org, monkeypatch):
    load_published_holidays()
    tipoff, _ = report()
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2026, 9, 29))
    assign(actor("office"), tipoff, org("xihu"), 10, "某河段排污。")
    tipoff.refresh_from_db()
    # 9-30; National Day 10-1..7 off; 10-8, 10-9, 10-10 (Saturday worked), 10-12..16, 10-19.
    assert tipoff.deadline == dt.date(2026, 10, 19)
    assert tipoff.status == Tipoff.Status.ASSIGNED and tipoff.working_days == 10


def test_assigning_to_a_unit_that_no_longer_exists_is_refused(report, org):
    tipoff, _ = report()
    with pytest.raises(TipoffError, match="已撤销"):
        assign(actor("office"), tipoff, org("jianggan"), 10, "内容")


def test_an_assigned_case_past_its_deadline_is_overdue(assigned):
    tipoff, _ = assigned()
    assert not tipoff.is_overdue
    Tipoff.objects.filter(pk=tipoff.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    tipoff.refresh_from_db()
    assert tipoff.is_overdue


def test_the_unit_reads_the_moderated_text_and_the_original_is_kept(assigned):
    tipoff, _ = assigned(description="我是住在 5 号楼的王某，电话 139xxxx，河边排污口冒黑水。")
    tipoff.refresh_from_db()
    assert tipoff.shown_description == "某河段排污口流出黑色污水。"
    assert tipoff.description.startswith("我是住在 5 号楼的王某")
    moderate(actor("office"), tipoff, "河边排污口冒黑水。", "西湖区某河段", "")
    event = AuditEvent.objects.filter(action="tipoff.moderate", object_id=str(tipoff.pk)).get()
    assert event.before["shown_description"] == "某河段排污口流出黑色污水。"
    assert event.after["shown_description"] == "河边排污口冒黑水。"
    tipoff.refresh_from_db()
    assert tipoff.description.startswith("我是住在 5 号楼的王某")


def test_a_case_others_were_merged_into_cannot_be_rejected(report):
    original, _ = report()
    later, _ = report()
    mark_duplicate(actor("office"), later, original)
    with pytest.raises(TipoffError, match="合并"):
        reject(actor("office"), original, "不受理")
