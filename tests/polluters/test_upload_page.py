"""The upload page is the office's: anonymous visitors are sent to log in, other units are
refused; the office uploads a list and sees what was stored, or every problem."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from qingshan.audit.models import AuditEvent
from qingshan.polluters.models import Enterprise

URL = "/polluters/import/"


def as_user(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def upload(client, data: bytes, name: str = "2022年名录.csv", **fields):
    form = {"year": "2022", "crs": "wgs84", "publish": "on"} | fields
    return client.post(URL, form | {"file": SimpleUploadedFile(name, data)})


def test_anonymous_visitors_are_sent_to_log_in(client, hz, files):
    assert client.get(URL).status_code == 302
    response = upload(client, files.csv([files.row(1)]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Enterprise.objects.exists()


def test_a_unit_reporter_may_not_import(client, hz, files):
    as_user(client, "xihu_reporter")
    assert client.get(URL).status_code == 403
    assert upload(client, files.csv([files.row(1)])).status_code == 403
    assert not Enterprise.objects.exists()


def test_the_office_imports_a_list_and_sees_the_counts(client, hz, files):
    as_user(client, "office")
    page = client.get(URL).content.decode()
    assert "导入年度重点排污单位名录" in page and "csrfmiddlewaretoken" in page
    html = upload(client, files.csv([files.row(1), files.row(2)]), crs="gcj02").content.decode()
    assert 'id="import-result"' in html and "新增 <strong>2</strong>" in html
    assert set(Enterprise.objects.values_list("coordinate_system", flat=True)) == {"gcj02"}
    event = AuditEvent.objects.get(action="polluters.import")
    assert event.actor is not None and event.actor.username == "office"
    assert "导入2022年重点排污单位名录" in client.get(URL).content.decode()  # recent imports


def test_the_office_sees_every_problem_and_nothing_is_stored(client, hz, files):
    as_user(client, "office")
    data = files.csv([files.row(1, "<b>浦东</b>"), files.row(2, 经度="30.18", 纬度="120.26")])
    html = upload(client, data).content.decode()
    assert 'id="import-problems"' in html and "未导入任何数据" in html
    assert "经纬度颠倒" in html and "&lt;b&gt;浦东&lt;/b&gt;" in html and "<b>浦东" not in html
    assert not Enterprise.objects.exists()


def test_unchecked_publish_keeps_new_enterprises_off_the_public_pages(client, hz, files):
    as_user(client, "office")
    form = {"year": "2022", "crs": "wgs84"}
    data = files.csv([files.row(1)])
    client.post(URL, form | {"file": SimpleUploadedFile("名录.csv", data)})
    assert Enterprise.objects.get().is_published is False
