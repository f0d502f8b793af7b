"""`qingshan demo_tipoffs`: the calendar, example rules and simulated cases in every state,
labelled, made through the services, and only once."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from qingshan.tipoffs.models import Holiday, Reward, RewardRule, Tipoff

from .conftest import person

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("demo_tipoffs", stdout=out)
    return out.getvalue()


def test_demo_covers_every_state_and_is_labelled(hz, client):
    output = run()
    cases = Tipoff.objects.all()
    assert 30 <= cases.count() <= 40 and all(t.is_simulated for t in cases)
    assert set(cases.values_list("status", flat=True)) == set(Tipoff.Status.values)
    assert any(t.is_overdue for t in cases)
    stages = {r.stage for r in Reward.objects.all()}
    assert stages == {"refused", "awaiting_claim", "claimed", "paid"}
    assert Holiday.objects.filter(date__year=2026).exists() and RewardRule.objects.count() == 21
    assert cases.filter(assigned_org__code="xihu").values("status").distinct().count() >= 3
    # The printed codes work, and what they show says it is simulated.
    codes = re.findall(r"^  ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})  JB", output, re.M)
    assert len(codes) == 4
    code = codes[0]
    page = client.post("/tipoffs/track/", {"code": code}).content.decode()
    assert "演示数据（模拟）" in page
    assert "演示数据（模拟）" in client.get("/tipoffs/").content.decode()


def test_demo_runs_once(hz):
    run()
    count = Tipoff.objects.count()
    second = run()
    assert "nothing added" in second and Tipoff.objects.count() == count


def test_the_district_sees_its_demo_cases(hz, client):
    run()
    client.force_login(person("xihu_reporter"))
    html = client.get("/tipoffs/unit/").content.decode()
    assert "模拟" in html and "JB0000" in html
