"""Filing a report through the public form: no login, files checked by their bytes, the
tracking code shown once, bad input refused with nothing stored."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from qingshan.tipoffs.codes import code_hash
from qingshan.tipoffs.models import Attachment, Identity, Tipoff

from .conftest import jpeg_with_gps, png_bytes, upload

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "category": "exhaust",
        "description": "化工厂烟囱夜间冒黄烟，气味刺鼻。",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "longitude": "120.130000",
        "latitude": "30.250000",
        "address": "",
        "district": "",
        "name": "",
        "phone": "",
        "email": "",
        "website": "",
        "pledge": "on",
    }
    data.update(overrides)
    return data


def post(client, data, **files):
    payload = dict(data)
    for key, value in files.items():
        payload[key] = value
    return client.post("/tipoffs/new/", payload)


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_the_form_opens_without_login_with_map_and_honeypot(client, hz):
    response = client.get("/tipoffs/new/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="tipoff-map"' in html and "hangzhou-districts.geojson" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert "csrfmiddlewaretoken" in html
    for label in ("废水", "废气", "扬尘", "异味", "噪声", "固体废物", "其他"):
        assert label in html


def test_an_anonymous_report_with_a_photo_gets_a_code_that_finds_it(client, hz):
    response = post(client, form_data(), photos=[upload("IMG_0001.jpg", jpeg_with_gps())])
    assert response.status_code == 200, response.content.decode()[:2000]
    code = response.context["code"]
    tipoff = Tipoff.objects.get()
    assert tipoff.code_hash == code_hash(code)
    assert tipoff.category == "exhaust" and tipoff.status == Tipoff.Status.NEW
    assert tipoff.district.code == "xihu"  # from the point, by the district shapes
    assert Identity.objects.get(tipoff=tipoff).is_anonymous
    assert Attachment.objects.filter(tipoff=tipoff, kind="photo").count() == 1
    assert code in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    found = client.post("/tipoffs/track/", {"code": code.lower()})
    assert found.status_code == 200 and tipoff.reference in found.content.decode()


def test_contact_details_are_kept_in_the_identity_record_only(client, hz):
    response = post(client, form_data(name="李四", phone="138 0000 1111", email="lisi@example.cn"))
    assert response.status_code == 200
    tipoff = Tipoff.objects.get()
    identity = Identity.objects.get(tipoff=tipoff)
    assert (identity.name, identity.phone, identity.email) == (
        "李四",
        "138 0000 1111",
        "lisi@example.cn",
    )
    assert "李四" not in tipoff.description and len(identity.client_hash) == 64


def test_an_address_without_a_point_is_enough_and_the_chosen_district_is_kept(client, hz):
    response = post(
        client,
        form_data(longitude="", latitude="", address="余杭区某工业园 3 号厂房", district="yuhang"),
    )
    assert response.status_code == 200
    tipoff = Tipoff.objects.get()
    assert tipoff.longitude is None and tipoff.district.code == "yuhang"


def test_neither_point_nor_address_is_refused(client, hz):
    response = post(client, form_data(longitude="", latitude=""))
    assert response.status_code == 400
    assert "请在地图上点选位置，或填写地址" in response.content.decode()
    assert not Tipoff.objects.exists()


def test_a_point_outside_hangzhou_is_refused(client, hz):
    response = post(client, form_data(longitude="116.400000", latitude="39.900000"))
    assert response.status_code == 400 and "不在杭州市范围内" in response.content.decode()
    assert not Tipoff.objects.exists()


def test_an_event_in_the_future_is_refused(client, hz):
    later = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = post(client, form_data(occurred_at=later))
    assert response.status_code == 400 and "不能晚于现在" in response.content.decode()


def test_the_pledge_is_required(client, hz):
    data = form_data()
    del data["pledge"]
    assert post(client, data).status_code == 400
    assert not Tipoff.objects.exists()


def test_a_filled_honeypot_stores_nothing_and_gives_no_code(client, hz, media_root):
    response = post(
        client, form_data(website="http://spam.example"), photos=[upload("a.jpg", jpeg_with_gps())]
    )
    assert response.status_code == 400
    assert "code" not in response.context or not response.context.get("code")
    assert not Tipoff.objects.exists() and stored_files(media_root) == []


def test_a_text_file_named_jpg_is_refused_by_its_content(client, hz, media_root):
    fake = upload("photo.jpg", b"<html>not an image</html>" * 10)
    response = post(client, form_data(), photos=[fake])
    assert response.status_code == 400
    assert "不是 JPEG、PNG 或 WebP 图片" in response.content.decode()
    assert not Tipoff.objects.exists() and stored_files(media_root) == []


def test_a_truncated_jpeg_is_refused(client, hz):
    broken = jpeg_with_gps()[:400]
    response = post(client, form_data(), photos=[upload("broken.jpg", broken)])
    assert response.status_code == 400 and "图片已损坏" in response.content.decode()
    assert not Tipoff.objects.exists()


def test_png_and_webp_are_accepted_and_sniffed_not_named(client, hz):
    webp = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(webp, "WEBP")
    response = post(
        client,
        form_data(),
        photos=[upload("a.jpg", png_bytes()), upload("b.png", webp.getvalue())],
    )
    assert response.status_code == 200
    kinds = sorted(Attachment.objects.values_list("content_type", flat=True))
    assert kinds == ["image/png", "image/webp"]


def test_a_photo_over_10_mb_is_refused_while_it_streams(client, hz, media_root):
    big = b"\xff\xd8\xff\xe0" + bytes(10 * 1024 * 1024)
    response = post(client, form_data(), photos=[upload("big.jpg", big)])
    assert response.status_code == 413
    assert "照片过大" in response.content.decode()
    assert not Tipoff.objects.exists() and stored_files(media_root) == []


def test_more_than_nine_photos_are_refused(client, hz):
    photos = [upload(f"{i}.png", png_bytes()) for i in range(10)]
    response = post(client, form_data(), photos=photos)
    assert response.status_code == 413 and "照片最多 9 个" in response.content.decode()
    assert not Tipoff.objects.exists()


def test_a_video_must_be_mp4_by_its_bytes(client, hz):
    response = post(
        client, form_data(), video=[upload("clip.mp4", b"RIFF0000AVI LIST" * 20, "video/mp4")]
    )
    assert response.status_code == 400 and "视频须为 MP4 格式" in response.content.decode()


def test_script_in_a_description_is_shown_escaped(client, hz, django_user_model):
    script = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
    response = post(client, form_data(description=f"排污{script}"))
    code = response.context["code"]
    tipoff = Tipoff.objects.get()
    assert tipoff.description.endswith(script)  # kept as written
    tracked = client.post("/tipoffs/track/", {"code": code}).content.decode()
    client.force_login(django_user_model.objects.get(username="office"))
    office = client.get(f"/tipoffs/office/{tipoff.pk}/").content.decode()
    queue = client.get("/tipoffs/office/").content.decode()
    for html in (tracked, office, queue):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_five_reports_an_hour_per_address_then_refused(client, hz):
    for _ in range(5):
        assert post(client, form_data()).status_code == 200
    refused = post(client, form_data())
    assert refused.status_code == 429 and "一小时内最多提交 5 件" in refused.content.decode()
    assert Tipoff.objects.count() == 5
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert post(other, form_data()).status_code == 200


def test_the_form_still_checks_csrf(hz):
    strict = Client(enforce_csrf_checks=True)
    response = post(strict, form_data())
    assert response.status_code == 403
    assert not Tipoff.objects.exists()


def test_the_enterprise_search_finds_published_entries_and_the_report_keeps_the_choice(client, hz):
    from qingshan.plans.models import Org
    from qingshan.polluters.models import Enterprise

    xiaoshan = Org.objects.get(code="xiaoshan")
    shown = Enterprise.objects.create(
        name="杭州某某印染有限公司", credit_code="91330109MA2B00001X", district=xiaoshan
    )
    Enterprise.objects.create(
        name="杭州某某印染二厂",
        credit_code="91330109MA2B00002X",
        district=xiaoshan,
        is_published=False,
    )
    by_name = client.get("/tipoffs/enterprises/", {"q": "印染"}).content.decode()
    assert "杭州某某印染有限公司" in by_name and "印染二厂" not in by_name
    by_code = client.get("/tipoffs/enterprises/", {"q": "91330109ma2b00001"}).content.decode()
    assert f'value="{shown.pk}"' in by_code
    assert "没有找到" in client.get("/tipoffs/enterprises/", {"q": "不存在的厂"}).content.decode()
    response = post(client, form_data(enterprise=str(shown.pk)))
    assert response.status_code == 200
    assert Tipoff.objects.get().enterprise == shown
