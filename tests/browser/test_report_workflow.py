"""A district reports with evidence; its approver submits; the office returns, then approves;
the task page shows the new progress and the history."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from qingshan.reporting import services
from qingshan.reporting.permissions import actor_for

pytestmark = pytest.mark.browser


@pytest.fixture
def open_quarter(hz_live):
    office = actor_for(get_user_model().objects.get(username="office"))
    services.create_periods(office, hz_live)
    period = hz_live.periods.get(label="2020Q4")
    services.set_period_open(office, period, True)
    return period


def test_report_return_revise_approve(
    browser: Browser, signed_in, live_server, open_quarter, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    base = live_server.url
    evidence = tmp_path / "造林地块清单.csv"
    evidence.write_text("地块,面积（亩）\n龙坞,320\n", encoding="utf-8")

    reporter = signed_in("xihu_reporter")
    reporter.get_by_role("link", name="进展填报").click()
    expect(reporter.locator("h1")).to_contain_text("西湖区")
    reporter.locator("tr", has_text="52. 森林城市建设").get_by_role("link", name="填报").click()
    reporter.select_option("#id_status", label="推进中")
    reporter.fill("#id_percent", "45")
    reporter.fill("#id_narrative", "完成新增造林1200亩，林相改造800亩。")
    reporter.set_input_files("#id_evidence", str(evidence))
    reporter.get_by_role("button", name="保存草稿").click()
    expect(reporter.locator(".alert-success")).to_contain_text("草稿已保存")
    expect(reporter.get_by_role("link", name="造林地块清单.csv")).to_be_visible()

    approver = signed_in("xihu_approver")
    approver.goto(base + "/reporting/?unit=xihu")
    approver.locator("tr", has_text="52. 森林城市建设").get_by_role("link", name="继续填报").click()
    approver.get_by_role("button", name="保存并提交审核").click()
    expect(approver.locator(".alert-success")).to_contain_text("已提交办公室审核")

    office = signed_in("office")
    office.goto(base + "/reporting/review/")
    office.locator("tr", has_text="西湖区").get_by_role("link", name="审核").click()
    office.fill("#id_comment", "请补充林相改造的地块位置。")
    office.get_by_role("button", name="退回修改").click()
    expect(office.locator(".alert-danger")).to_contain_text("请补充林相改造的地块位置")

    reporter.goto(base + "/reporting/?unit=xihu&show=returned")
    reporter.locator("tr", has_text="52. 森林城市建设").get_by_role("link", name="继续填报").click()
    expect(reporter.locator(".alert-danger")).to_contain_text("请补充林相改造的地块位置")
    reporter.fill("#id_narrative", "完成新增造林1200亩；林相改造800亩，位于转塘、双浦。")
    reporter.fill("#id_percent", "50")
    reporter.get_by_role("button", name="保存草稿").click()
    expect(reporter.locator(".alert-success")).to_be_visible()

    approver.goto(base + "/reporting/?unit=xihu")
    approver.locator("tr", has_text="52. 森林城市建设").get_by_role("link", name="继续填报").click()
    approver.get_by_role("button", name="保存并提交审核").click()

    office.goto(base + "/reporting/review/")
    office.locator("tr", has_text="西湖区").get_by_role("link", name="审核").click()
    office.get_by_role("button", name="审核通过").click()
    expect(office.locator(".alert-success").first).to_contain_text("审核通过")
    history = office.locator("#history")
    for step in ("保存草稿", "提交审核", "退回修改", "修改退回的报告", "审核通过"):
        expect(history).to_contain_text(step)

    public = browser.new_context().new_page()
    public.goto(base + "/plans/hangzhou-2019/tasks/52/")
    progress = public.locator("#task-progress")
    expect(progress).to_contain_text("西湖区")
    expect(progress).to_contain_text("位于转塘、双浦")
    expect(progress).to_contain_text(re.compile(r"推进中 · 50%"))
