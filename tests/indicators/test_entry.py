"""Values the office enters by hand: checked field by field, saved whole or not at all,
corrected by new versions, audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from qingshan.audit.models import AuditEvent
from qingshan.indicators.entry import EntryError, enter_value
from qingshan.indicators.models import IndicatorValue
from qingshan.plans.models import Indicator


def user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def pm25(hz) -> Indicator:
    return hz.indicators.get(code="pm25-annual-mean")  # 微克/立方米


@pytest.fixture
def share(hz) -> Indicator:
    return hz.indicators.get(code="prov-eco-demo-district-share")  # %


NOTE = "《2020年杭州市生态环境状况公报》"


def enter(indicator, **fields):
    given = {"period": "2020", "value": "37.5", "unit": indicator.unit, "note": NOTE} | fields
    return enter_value(user("office"), indicator, **given)


def refused(indicator, **fields) -> dict[str, str]:
    with pytest.raises(EntryError) as caught:
        enter(indicator, **fields)
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()
    return caught.value.problems


def test_a_value_in_another_unit_is_refused_naming_both_units(pm25):
    problems = refused(pm25, unit="mg/m3")
    assert list(problems) == ["unit"]
    assert "mg/m3" in problems["unit"] and "微克/立方米" in problems["unit"]


@pytest.mark.parametrize("spelling", ["μg/m³", "ug/m3", "微克/立方米"])
def test_common_spellings_of_the_unit_are_accepted_and_stored_as_the_indicators(pm25, spelling):
    row = enter(pm25, unit=spelling)
    assert row.unit == "微克/立方米"


def test_a_full_width_percent_sign_is_the_same_unit(share):
    row = enter(share, unit="％", value="85")
    assert (row.value, row.unit) == (Decimal("85"), "%")


def test_full_width_digits_are_read(pm25):
    row = enter(pm25, value="３７．５")
    assert row.value == Decimal("37.5")


@pytest.mark.parametrize("period", ["2020年", "2020-12", "20Q4", "2020Q5"])
def test_a_period_not_written_as_a_year_or_quarter_is_refused(pm25, period):
    problems = refused(pm25, period=period)
    assert list(problems) == ["period"]
    assert period in problems["period"]


def test_a_quarter_is_dated_at_its_end(pm25):
    row = enter(pm25, period="2021Q3")
    assert row.date.isoformat() == "2021-09-30"


def test_a_share_above_100_is_refused(share):
    problems = refused(share, value="100.5")
    assert problems == {"value": "比例应在 0–100 之间，录入的是 100.5"}


def test_an_entry_without_its_source_is_refused(pm25):
    problems = refused(pm25, note="  ")
    assert list(problems) == ["note"]


def test_every_problem_is_reported_at_once_and_nothing_is_saved(share):
    problems = refused(share, period="2020年", value="101", unit="个", note="")
    assert set(problems) == {"period", "value", "unit", "note"}
    assert not AuditEvent.objects.filter(action="indicator.value_entered").exists()


def test_a_second_entry_supersedes_the_first_which_is_kept(pm25):
    first = enter(pm25, value="38.2")
    second = enter(pm25, value="37.9", note=NOTE + "（修订）")
    first.refresh_from_db()
    assert second.supersedes == first
    assert (first.is_current, second.is_current) == (False, True)
    assert (first.value, second.value) == (Decimal("38.2"), Decimal("37.9"))
    assert (first.edition, second.edition) == ("第 1 版", "第 2 版")
    current = IndicatorValue.objects.filter(indicator=pm25, is_current=True)
    assert list(current) == [second]
    # Another period is a separate value, not a correction.
    other = enter(pm25, period="2021", value="36")
    assert other.supersedes is None and other.is_current


@pytest.mark.parametrize("username", ["leader", "xihu_reporter", "sthjj_approver"])
def test_only_the_office_enters_values(pm25, username):
    with pytest.raises(PermissionError):
        enter_value(user(username), pm25, period="2020", value="37", unit="微克/立方米", note=NOTE)
    assert not IndicatorValue.objects.exists()


def test_an_entry_is_audited_with_who_and_what(pm25):
    first = enter(pm25, value="38.2")
    second = enter(pm25, value="37.9")
    events = AuditEvent.objects.filter(action="indicator.value_entered").order_by("id")
    assert [e.object_id for e in events] == [str(first.pk), str(second.pk)]
    last = events.last()
    assert last is not None and last.before is not None
    assert last.actor == user("office")
    assert Decimal(last.before["value"]) == Decimal("38.2")
    assert last.after == {"value": "37.9", "note": NOTE}


def test_the_entry_form_saves_for_the_office_and_refuses_others(client, hz, pm25):
    url = f"/indicators/{hz.code}/i/{pm25.code}/enter/"
    data = {"period": "2020", "value": "３７．５", "unit": "μg/m³", "note": NOTE}
    client.force_login(user("xihu_reporter"))
    assert client.post(url, data).status_code == 403
    client.force_login(user("office"))
    response = client.post(url, data | {"unit": "mg/m3"})
    assert response.status_code == 400
    assert "单位“mg/m3”与指标的计量单位“微克/立方米”不符" in response.content.decode()
    assert not IndicatorValue.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("37.5")
