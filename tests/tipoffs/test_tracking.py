"""Following a report with its code: status, outcome and reward; adding information; forged
and guessed codes refused, and guessing stopped per address."""

from __future__ import annotations

import pytest
from django.test import Client

from qingshan.tipoffs.codes import new_code
from qingshan.tipoffs.models import Addition, Attachment, RateEvent, Tipoff

from .conftest import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


def track(client, code):
    return client.post("/tipoffs/track/", {"code": code})


def test_the_reporter_sees_status_and_the_unit_handling_it(assigned, client):
    tipoff, code = assigned()
    page = track(client, code)
    html = page.content.decode()
    assert page.status_code == 200
    assert "已交承办单位调查处理" in html and "西湖区" in html
    assert "no-store" in page["Cache-Control"]


def test_the_reporter_sees_the_published_outcome_once_closed(closed, client):
    tipoff, code = closed()
    html = track(client, code).content.decode()
    assert "经西湖区查实，责令企业停止排放并立案处罚。" in html and "查实" in html


def test_a_forged_code_is_refused(report, client):
    report()
    for forged in (new_code(), "AAAA-BBBB-CCCC-DDDD", "1234", "' OR 1=1 --"):
        response = track(client, forged)
        assert response.status_code == 404
        assert "查询码不正确" in response.content.decode()


def test_twenty_wrong_codes_an_hour_stop_lookups_from_that_address(report, client):
    _, code = report()
    for _ in range(20):
        assert track(client, new_code()).status_code == 404
    blocked = track(client, code)  # even the right code, until the hour is over
    assert blocked.status_code == 429 and "错误次数过多" in blocked.content.decode()
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert track(elsewhere, code).status_code == 200
    assert RateEvent.objects.filter(kind="lookup_failed").count() == 20
    assert not RateEvent.objects.filter(key__contains="127.0.0.1").exists()


def test_right_codes_do_not_count_as_failures(report, client):
    _, code = report()
    for _ in range(30):
        assert track(client, code).status_code == 200


def test_the_reporter_adds_text_and_a_photo(assigned, client):
    tipoff, code = assigned()
    response = client.post(
        "/tipoffs/track/add/",
        {"code": code, "text": "今天早上又在排。", "photos": [upload("b.jpg", jpeg_with_gps())]},
    )
    assert response.status_code == 200 and "补充材料已收到" in response.content.decode()
    addition = Addition.objects.get(tipoff=tipoff)
    assert addition.text == "今天早上又在排。" and addition.released_at is None
    assert Attachment.objects.filter(addition=addition).count() == 1


def test_additions_are_limited_to_ten_an_hour_per_case(report, client):
    tipoff, code = report()
    for i in range(10):
        assert (
            client.post("/tipoffs/track/add/", {"code": code, "text": f"补充 {i}"}).status_code
            == 200
        )
    refused = client.post("/tipoffs/track/add/", {"code": code, "text": "第 11 次"})
    assert refused.status_code == 429 and "最多补充 10 次" in refused.content.decode()
    assert Addition.objects.filter(tipoff=tipoff).count() == 10


def test_additions_need_the_right_code(report, client):
    tipoff, _ = report()
    response = client.post("/tipoffs/track/add/", {"code": new_code(), "text": "冒充"})
    assert response.status_code == 404 and not Addition.objects.exists()


def test_a_closed_case_takes_no_more_additions(closed, client):
    tipoff, code = closed()
    response = client.post("/tipoffs/track/add/", {"code": code, "text": "还有"})
    html = response.content.decode()
    assert response.status_code == 400 and "已办结，不能再补充材料" in html
    assert 'action="/tipoffs/track/add/"' not in html  # the form is gone from the page
    assert not Addition.objects.exists()


def test_a_merged_duplicate_shows_the_outcome_of_the_case_it_joined(closed, report, client):
    from qingshan.tipoffs.services.triage import mark_duplicate

    from .conftest import actor

    original, _ = closed()
    later, later_code = report()
    mark_duplicate(actor("office"), later, original)
    html = track(client, later_code).content.decode()
    assert original.reference in html and "经西湖区查实" in html
    assert Tipoff.objects.get(pk=later.pk).status == Tipoff.Status.DUPLICATE
