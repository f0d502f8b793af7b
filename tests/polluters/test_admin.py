"""The registry in the admin: lists, filters and inlines open; a bad credit code or a point
outside Hangzhou is refused; every change is audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from qingshan.audit.models import AuditEvent
from qingshan.plans.models import Org
from qingshan.polluters.models import Enterprise


@pytest.fixture
def admin_client(client, hz):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def form(files, **over) -> dict:
    xiaoshan = Org.objects.get(code="xiaoshan")
    data = {
        "name": "新单位有限公司", "credit_code": files.code(7), "district": str(xiaoshan.pk),
        "industry": "纺织业", "permit_number": "", "address": "某路", "longitude": "120.26",
        "latitude": "30.18", "coordinate_system": "wgs84", "is_published": "on",
    }  # fmt: skip
    for prefix in ("listings", "enforcements", "credit_ratings"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {"listings-TOTAL_FORMS": "1", "listings-0-year": "2022", "listings-0-water": "on"}
    return data | over


@pytest.mark.parametrize(
    "path",
    [
        "/admin/polluters/enterprise/",
        "/admin/polluters/enterprise/?year=2022&listings__water__exact=1",
        "/admin/polluters/enterprise/add/",
        "/admin/polluters/enforcementrecord/",
        "/admin/polluters/creditrating/",
    ],
)
def test_admin_pages_open(admin_client, make_enterprise, path):
    make_enterprise(1)
    assert admin_client.get(path).status_code == 200


def test_the_change_page_has_listings_records_and_ratings_inline(admin_client, make_enterprise):
    e = make_enterprise(1)
    html = admin_client.get(f"/admin/polluters/enterprise/{e.pk}/change/").content.decode()
    assert "名录收录" in html and "行政处罚记录" in html and "环境信用评价" in html


def test_adding_an_enterprise_with_its_listing_is_audited(admin_client, files):
    response = admin_client.post("/admin/polluters/enterprise/add/", form(files))
    assert response.status_code == 302, response.content.decode()[:2000]
    e = Enterprise.objects.get(credit_code=files.code(7))
    assert e.listings.get().categories == ["water"]
    actions = set(AuditEvent.objects.filter(action__startswith="polluters.").values_list(
        "action", "object_type"))  # fmt: skip
    assert {("polluters.add", "enterprise"), ("polluters.add", "listing")} <= actions


def test_a_wrong_check_character_or_a_point_outside_hangzhou_is_refused(admin_client, files):
    bad = files.code(7)[:17] + ("0" if files.code(7)[17] != "0" else "1")
    html = admin_client.post(
        "/admin/polluters/enterprise/add/", form(files, credit_code=bad)
    ).content.decode()
    assert "校验位不符" in html
    html = admin_client.post(
        "/admin/polluters/enterprise/add/", form(files, longitude="30.18", latitude="120.26")
    ).content.decode()
    assert "填反" in html
    assert not Enterprise.objects.exists()


def test_unpublishing_from_the_list_is_audited(admin_client, make_enterprise):
    e = make_enterprise(1)
    admin_client.post(
        "/admin/polluters/enterprise/",
        {"action": "unpublish", "_selected_action": [str(e.pk)]},
    )
    e.refresh_from_db()
    assert not e.is_published
    event = AuditEvent.objects.filter(action="polluters.change", object_id=str(e.pk)).get()
    assert event.before["is_published"] is True and event.after["is_published"] is False
