"""The upload page: only the monitoring office may use it; success shows the counts, a refusal
the table of problems; the progress feed reports the server's stages; CSRF stays on."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qingshan.monitoring.importing.progress import cache_key, read_progress
from qingshan.monitoring.models import AirHour, ImportBatch

URL = "/monitoring/import/"
HEADER = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]


@pytest.fixture
def upload(make_csv, air_rows):
    def make(rows=None, name="air.csv"):
        rows = rows or [HEADER, *air_rows("1001A", dt.datetime(2020, 1, 1, 1), 24)]
        return SimpleUploadedFile(name, make_csv(rows), content_type="text/csv")

    return make


def logged_in(client, person, username):
    client.force_login(person(username))
    return client


def test_url_names():
    assert reverse("monitoring:import") == URL
    assert reverse("monitoring:import_progress", args=["abc12345"]) == URL + "progress/abc12345/"
    assert reverse("monitoring:import_batch", args=[3]) == URL + "batches/3/"


@pytest.mark.parametrize("username", ["sthjj_reporter", "xihu_approver", "leader"])
def test_people_outside_the_office_get_403_and_nothing_is_stored(
    client, person, stations, upload, username
):
    logged_in(client, person, username)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload()}).status_code == 403
    assert client.get(URL + "progress/abcdefgh/").status_code == 403
    assert AirHour.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, hz):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_office_sees_the_form_and_recent_batches(client, person, stations):
    html = logged_in(client, person, "office").get(URL).content.decode()
    assert 'id="import-form"' in html and 'enctype="multipart/form-data"' in html
    assert (
        "csrfmiddlewaretoken" in html and "XMLHttpRequest" in html and "upload.onprogress" in html
    )


def test_an_upload_shows_the_counts_and_is_listed(client, person, stations, upload):
    logged_in(client, person, "office")
    html = client.post(URL, {"file": upload()}).content.decode()
    assert 'id="import-result"' in html
    assert re.search(
        r"新增 <strong>24</strong>，更正 <strong>0</strong>，未变 <strong>0</strong>", html
    )
    batch = ImportBatch.objects.get()
    assert (batch.source, batch.by.username, batch.file_name) == ("upload", "office", "air.csv")
    assert "air.csv" in client.get(URL).content.decode()
    page = client.get(reverse("monitoring:import_batch", args=[batch.pk])).content.decode()
    assert "本批次没有更正已有数值" in page


def test_a_superuser_may_import(client, person, stations, upload):
    logged_in(client, person, "admin")
    assert 'id="import-result"' in client.post(URL, {"file": upload()}).content.decode()


def test_a_refusal_lists_file_row_column_value_and_rule(client, person, stations, upload):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "35"],
            ["1001A", "2020-01-01 02:00", "35μg/m³"], ["1001A", "2020-01-01 03:00", "3.5mg/m³"]]  # fmt: skip
    logged_in(client, person, "office")
    html = client.post(URL, {"file": upload(rows, "bad.csv")}).content.decode()
    assert "未导入任何数据" in html and 'id="import-problems"' in html
    for header in ("<th>文件</th>", "<th>行</th>", "<th>列</th>", "<th>内容</th>", "<th>规则</th>"):
        assert header in html
    row = re.search(r"<tr>\s*<td[^>]*>bad.csv</td>\s*<td>4</td>.*?</tr>", html, re.S)
    assert row and "<code>3.5mg/m³</code>" in row[0] and "单位不符" in row[0] and "C" in row[0]
    assert AirHour.objects.count() == 0


def test_an_xhr_upload_gets_the_outcome_alone_and_leaves_its_stages(
    client, person, stations, upload
):
    user = person("office")
    client.force_login(user)
    response = client.post(URL, {"file": upload(), "progress": "0b8f2c7e-1d2a-4c6b-9d1e"},
                           headers={"x-requested-with": "XMLHttpRequest"})  # fmt: skip
    html = response.content.decode()
    assert 'id="import-result"' in html and "<html" not in html
    state = read_progress(cache_key(user.pk, "0b8f2c7e-1d2a-4c6b-9d1e"))
    assert state is not None and state["outcome"] == "ok" and state["stage"] == "完成"
    feed = client.get(URL + "progress/0b8f2c7e-1d2a-4c6b-9d1e/").json()
    assert feed["outcome"] == "ok" and feed["steps"] == 5
    # another person cannot read someone else's progress
    client.force_login(person("admin"))
    assert client.get(URL + "progress/0b8f2c7e-1d2a-4c6b-9d1e/").json()["stage"] == ""


def test_progress_is_reported_stage_by_stage(stations, make_csv, air_rows):
    from qingshan.monitoring.importing import import_file
    from qingshan.monitoring.importing.progress import CacheProgress

    seen = []

    class Watching(CacheProgress):
        def stage(self, label, total=None):
            super().stage(label, total)
            seen.append((label, total, self.state["step"]))

    rows = [HEADER, *air_rows("1001A", dt.datetime(2020, 1, 1, 1), 10)]
    import_file("p.csv", make_csv(rows), source="upload", progress=Watching("test-key"))
    labels = [(label, step) for label, _, step in seen]
    assert labels == [("读取文件", 1), ("校验数据", 2), ("比对已有数据", 3), ("写入数据库", 4),
                      ("提交", 5)]  # fmt: skip
    assert seen[3][1] == 10  # ten rows to write


def test_csrf_stays_on(person, stations, upload):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("office"))
    assert client.post(URL, {"file": upload()}).status_code == 403
    assert AirHour.objects.count() == 0


def test_an_oversized_upload_is_refused_before_reading(
    client, person, stations, upload, monkeypatch
):
    from qingshan.monitoring import views_import

    monkeypatch.setattr(views_import, "MAX_DATA_BYTES", 10)
    html = logged_in(client, person, "office").post(URL, {"file": upload()}).content.decode()
    assert "文件过大" in html and AirHour.objects.count() == 0
