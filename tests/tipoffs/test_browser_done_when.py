"""Issue #7, "done when": an anonymous report with a photo, placed by clicking the map; the
office assigns it to 西湖区; the district records its result; the office closes it and grants
a reward; the reporter follows the outcome and the reward with the tracking code and claims
it — and the district's people never get at who reported."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, expect

from qingshan.tipoffs.models import Identity, RewardClaim, RewardRule, Tipoff

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.browser
CLAIMANT_NAME = "孙领奖"
CLAIMANT_PHONE = "13511112222"
XIHU = (120.13, 30.25)


@pytest.fixture
def rules(hz_live):
    for severity, amount in (("ordinary", 500), ("serious", 2000), ("major", 10000)):
        RewardRule.objects.create(
            category="waste_water",
            severity=severity,
            amount=Decimal(amount),
            valid_from=dt.date(2019, 1, 1),
        )


def click_on_map(page, lon: float, lat: float) -> None:
    """Click the picker map where the point lies, as a person would."""
    page.get_by_role("button", name="主城区").click()
    page.wait_for_timeout(300)
    x, y = page.evaluate(
        """([lon, lat]) => {
            const chart = echarts.getInstanceByDom(document.getElementById("tipoff-map"));
            return chart.convertToPixel({geoIndex: 0}, [lon, lat]);
        }""",
        [lon, lat],
    )
    box = page.locator("#tipoff-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_report_assign_investigate_close_reward_and_follow_anonymously(
    browser: Browser, signed_in, live_server, rules, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(jpeg_with_gps())

    # An anonymous member of the public reports, placing the point on the map.
    public = browser.new_context(locale="zh-CN", viewport={"width": 412, "height": 900}).new_page()
    public.goto(base + "/tipoffs/new/")
    public.get_by_label("废水").check()
    public.fill("#id_description", "河边排污口夜里流出黑色污水，气味刺鼻。")
    expect(public.locator("#tipoff-map[data-ready='1']")).to_be_attached()
    click_on_map(public, *XIHU)
    expect(public.get_by_test_id("picked-point")).to_contain_text("西湖区")
    assert abs(float(public.input_value("#id_longitude")) - XIHU[0]) < 0.002
    assert abs(float(public.input_value("#id_latitude")) - XIHU[1]) < 0.002
    public.set_input_files("#id_photos", str(photo))
    public.get_by_label(re.compile("我承诺所举报的情况属实")).check()
    public.get_by_role("button", name="提交举报").click()
    code = public.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    tipoff = Tipoff.objects.get()
    assert tipoff.district.code == "xihu" and Identity.objects.get(tipoff=tipoff).is_anonymous

    # The office assigns it to the district the point suggests.
    office = signed_in("office")
    office.goto(base + "/tipoffs/office/")
    office.locator("tr", has_text=tipoff.reference).get_by_role("link", name="受理").click()
    expect(office.locator("#assignform_org")).to_have_value("xihu")
    office.fill("#assignform_shown_description", "某河段排污口夜间排放黑色污水。")
    office.get_by_role("button", name="交办").click()
    expect(office.locator(".alert-success")).to_contain_text("已交西湖区办理")

    # The district sees the moderated case and the photo without metadata, and answers.
    district = signed_in("xihu_reporter")
    district.goto(base + "/tipoffs/unit/")
    district.locator("tr", has_text=tipoff.reference).get_by_role("link", name="办理").click()
    expect(district.get_by_test_id("unit-description")).to_have_text(
        "某河段排污口夜间排放黑色污水。"
    )
    image_url = district.locator("img.tipoff-photo").first.get_attribute("src")
    image = district.request.get(base + image_url)
    assert image.ok and b"Exif" not in image.body()
    district.get_by_label("查实", exact=True).check()
    district.fill("#investigationform_process", "夜间蹲守，发现企业通过暗管排放。")
    district.fill("#investigationform_measures", "责令停止排放，立案调查。")
    district.get_by_role("button", name="反馈办公室").click()
    expect(district.locator(".alert-success")).to_contain_text("调查处理结果已反馈办公室")

    # The office closes it with a published outcome and grants the reward.
    office.reload()
    office.fill(
        "#closeform_public_outcome", "经西湖区查实，企业暗管排污，已责令停止排放并立案处罚。"
    )
    office.get_by_role("button", name="办结").click()
    expect(office.locator(".alert-success")).to_contain_text("已办结")
    office.select_option("#rewardform_severity", label="较重")
    office.get_by_role("button", name="作出奖励决定").click()
    expect(office.locator(".alert-success")).to_contain_text("2000")

    # The reporter follows it with the code, sees outcome and reward, and claims.
    public.goto(base + "/tipoffs/track/")
    public.fill("#id_code", code.lower())
    public.get_by_role("button", name="查询").click()
    expect(public.get_by_test_id("tracked-outcome")).to_contain_text("已责令停止排放并立案处罚")
    expect(public.get_by_test_id("tracked-reward")).to_contain_text("2000.00 元")
    public.fill("#id_claim_name", CLAIMANT_NAME)
    public.fill("#id_claim_phone", CLAIMANT_PHONE)
    public.get_by_role("button", name="申领奖励").click()
    expect(public.get_by_test_id("track-message")).to_contain_text("奖励申领已提交")
    assert RewardClaim.objects.get().name == CLAIMANT_NAME

    # The district's people have no way to the identity: not on their pages, not at its URL.
    for person in (district, signed_in("xihu_approver")):
        person.goto(f"{base}/tipoffs/unit/{tipoff.pk}/")
        html = person.content()
        assert "已办结" in html and CLAIMANT_NAME not in html and CLAIMANT_PHONE not in html
        response = person.goto(f"{base}/tipoffs/office/{tipoff.pk}/identity/")
        assert response.status == 403
        assert CLAIMANT_NAME not in person.content()
        export = person.request.get(base + "/tipoffs/unit/export.csv")
        assert tipoff.reference in export.text() and CLAIMANT_PHONE not in export.text()

    # The office does see who claimed, on the identity page.
    office.get_by_test_id("identity-link").click()
    expect(office.get_by_test_id("claim")).to_contain_text(CLAIMANT_PHONE)
