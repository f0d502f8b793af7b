"""The unit investigates through its pages; the office returns or closes; the public list
shows closed, published cases without any identity."""

from __future__ import annotations

import pytest

from qingshan.audit.models import AuditEvent
from qingshan.tipoffs.models import Investigation, Tipoff
from qingshan.tipoffs.services import NotAllowed, TipoffError
from qingshan.tipoffs.services.handling import close, record_investigation, return_to_unit

from .conftest import REPORTER_NAME, REPORTER_PHONE, actor, person

pytestmark = pytest.mark.django_db


def test_the_district_records_its_result_through_its_page(assigned, client):
    tipoff, _ = assigned()
    client.force_login(person("xihu_approver"))
    listing = client.get("/tipoffs/unit/").content.decode()
    assert tipoff.reference in listing
    page = client.get(f"/tipoffs/unit/{tipoff.pk}/")
    assert page.status_code == 200 and "某河段排污口流出黑色污水。" in page.content.decode()
    response = client.post(
        f"/tipoffs/unit/{tipoff.pk}/",
        {
            "finding": "partly",
            "process": "现场检查发现雨水口有少量污水。",
            "measures": "责令整改。",
            "penalty_number": "杭西环罚〔2026〕12号",
        },
    )
    assert response.status_code == 302
    tipoff.refresh_from_db()
    result = Investigation.objects.get(tipoff=tipoff)
    assert tipoff.status == Tipoff.Status.ANSWERED
    assert (result.finding, result.org.code, result.recorded_by.username) == (
        "partly",
        "xihu",
        "xihu_approver",
    )
    assert AuditEvent.objects.filter(action="tipoff.investigate", object_id=str(tipoff.pk)).exists()


def test_another_unit_cannot_record_a_result(assigned):
    tipoff, _ = assigned()
    with pytest.raises(NotAllowed):
        record_investigation(actor("shangcheng_reporter"), tipoff, "confirmed", "看过了")
    with pytest.raises(NotAllowed):
        record_investigation(actor("office"), tipoff, "confirmed", "看过了")


def test_the_office_returns_a_thin_result_and_the_unit_sees_why(assigned, client):
    tipoff, _ = assigned()
    record_investigation(actor("xihu_reporter"), tipoff, "unfounded", "未发现。")
    with pytest.raises(TipoffError):
        close(actor("office"), tipoff, "摘要", "", "approximate", True)
    return_to_unit(actor("office"), tipoff, "请补充夜间复查情况。")
    client.force_login(person("xihu_reporter"))
    html = client.get(f"/tipoffs/unit/{tipoff.pk}/").content.decode()
    assert "请补充夜间复查情况。" in html
    assert Tipoff.objects.get(pk=tipoff.pk).status == Tipoff.Status.ASSIGNED


def test_closing_publishes_the_office_text_and_never_the_reporter(closed, client):
    tipoff, _ = closed(description=f"我是{REPORTER_NAME}，电话{REPORTER_PHONE}。河边排污。")
    index = client.get("/tipoffs/").content.decode()
    case = client.get(f"/tipoffs/cases/{tipoff.reference}/").content.decode()
    for html in (index, case):
        assert "经西湖区查实，责令企业停止排放并立案处罚。" in html
        assert REPORTER_NAME not in html and REPORTER_PHONE not in html
        assert "30.250000" not in html  # the point is shown rounded (about 1 km)
    assert "[120.13, 30.25]" in case


def test_unpublished_and_open_cases_are_not_public(assigned, closed, client):
    open_case, _ = assigned()
    assert client.get(f"/tipoffs/cases/{open_case.reference}/").status_code == 404
    hidden, _ = closed()
    Tipoff.objects.filter(pk=hidden.pk).update(is_published=False)
    assert client.get(f"/tipoffs/cases/{hidden.reference}/").status_code == 404
    assert hidden.reference not in client.get("/tipoffs/").content.decode()


def test_a_closed_case_can_hide_its_point_entirely(assigned, client):
    tipoff, _ = assigned()
    record_investigation(actor("xihu_reporter"), tipoff, "confirmed", "查实。")
    close(actor("office"), tipoff, "某处排污。", "已查处。", "district", True)
    html = client.get(f"/tipoffs/cases/{tipoff.reference}/").content.decode()
    assert "只公开所在区县" in html and "120.13" not in html


def test_the_office_closes_through_its_page(assigned, client):
    tipoff, _ = assigned()
    record_investigation(actor("xihu_reporter"), tipoff, "confirmed", "查实。")
    client.force_login(person("office"))
    response = client.post(
        f"/tipoffs/office/{tipoff.pk}/close/",
        {
            "shown_description": "某河段排污。",
            "public_outcome": "已责令停产整治。",
            "location_shown": "exact",
            "publish": "on",
        },
        follow=True,
    )
    assert "已办结" in response.content.decode()
    tipoff.refresh_from_db()
    assert tipoff.status == Tipoff.Status.CLOSED and tipoff.is_published
    assert tipoff.location_shown == "exact"


def test_people_without_a_unit_role_are_told_where_to_go_instead_of_the_unit_list(client, hz):
    client.force_login(person("office"))
    response = client.get("/tipoffs/unit/")
    assert response.status_code == 403 and "举报办理台" in response.content.decode()
    client.force_login(person("leader"))
    response = client.get("/tipoffs/unit/")
    assert (
        response.status_code == 403
        and "不是任何承办单位的填报员或审核人" in response.content.decode()
    )
