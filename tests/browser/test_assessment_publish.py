"""The office generates the 2020 assessment, previews its PDF, publishes it; the public then
reads the run and a unit's scorecard."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from qingshan.accounts.models import Membership
from qingshan.assessment.models import AssessmentRun
from qingshan.plans.models import Org, Task
from qingshan.reporting import services
from qingshan.reporting.models import Report
from qingshan.reporting.permissions import actor_for

pytestmark = pytest.mark.browser


@pytest.fixture
def reported_2020(hz_live):
    """市监委's 2020Q4: task 57 approved (推进中 45 %), task 58 still waiting for review."""
    office = actor_for(get_user_model().objects.get(username="office"))
    services.create_periods(office, hz_live)
    period = hz_live.periods.get(label="2020Q4")
    services.set_period_open(office, period, True)
    period.refresh_from_db()
    org = Org.objects.get(region=hz_live.region, code="jcw")
    staff = get_user_model().objects.create(username="staff_jcw")
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.create(user=staff, org=org, role=role)
    unit = actor_for(staff)
    for number, approve in ((57, True), (58, False)):
        task = Task.objects.get(plan=hz_live, number=number)
        fields = {
            "status": "in_progress",
            "percent": 45,
            "narrative": "按季度研究生态环境保护工作。",
        }
        report = services.submit_report(unit, services.save_draft(unit, task, org, period, fields))
        if approve:
            services.approve_report(office, report)
    sent = dt.datetime.combine(period.due_on - dt.timedelta(days=3), dt.time(10), tzinfo=dt.UTC)
    Report.objects.filter(org=org).update(submitted_at=sent)
    return hz_live


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() or "" for page in reader.pages).replace("\n", "")


def test_office_runs_previews_and_publishes_and_the_public_reads_it(
    browser: Browser, signed_in, live_server, reported_2020, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the rendered PDF is kept with the uploads
    base = live_server.url
    office = signed_in("office")
    office.get_by_role("link", name="考核评估").first.click()
    expect(office.locator("h1")).to_have_text("考核评估")
    office.select_option("#id_kind", label="年度考核")
    office.select_option("#id_year", label="2020 年")
    office.get_by_role("button", name="生成考核结果").click()
    # 市监委's task 58 report is still in review: the run is refused and says which one.
    errors = office.locator("#run-form .alert-danger")
    expect(errors).to_contain_text("1 份报告未审核通过")
    expect(errors).to_contain_text("2020Q4 任务58 市监委（已提交）")
    office.get_by_label(re.compile("仅按已审核报告考核")).check()
    office.get_by_role("button", name="生成考核结果").click()

    run = AssessmentRun.objects.get()
    title = f"{reported_2020.short_title} 2020 年度考核"
    expect(office.locator("h1")).to_have_text(title)
    expect(office.locator(".alert-success").first).to_contain_text("已生成")
    expect(office.get_by_text("尚未公布：仅美丽杭州办和市领导可见")).to_be_visible()
    expect(office.get_by_text("本批次生成时有 1 份报告未审核通过，未计入。")).to_be_visible()

    preview = office.get_by_role("link", name="预览报告 PDF")
    href = preview.get_attribute("href")
    assert href == f"/assessment/runs/{run.pk}/report.pdf"
    response = office.request.get(base + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert title in text
    assert "预览稿" in text

    # Before publication the public sees nothing of it.
    public = browser.new_context(locale="zh-CN").new_page()
    hidden = public.goto(base + f"/assessment/runs/{run.pk}/")
    assert hidden is not None and hidden.status == 404

    office.on("dialog", lambda dialog: dialog.accept())
    office.get_by_role("button", name="公布结果").click()
    expect(office.locator(".alert-success").first).to_contain_text("考核结果已公布")
    expect(office.get_by_role("button", name="公布结果")).to_have_count(0)
    expect(office.get_by_role("link", name="考核报告 PDF")).to_be_visible()

    score = run.scores.get(org__code="jcw")  # type: ignore[attr-defined]
    assert score.total is not None and score.total > 0
    public.goto(base + f"/assessment/{reported_2020.code}/")
    public.get_by_role("link", name=title).click()
    expect(public.locator("h1")).to_have_text(title)
    expect(public.get_by_text(re.compile(r"已于 \d{4}年\d{1,2}月\d{1,2}日公布"))).to_be_visible()
    row = public.locator("table.scores tr", has_text="市监委")
    expect(row).to_contain_text(str(score.total))
    row.get_by_role("link", name="市监委").click()
    expect(public.locator("h1")).to_have_text("市监委 考核得分")
    expect(public.locator("#score-total")).to_have_text(str(score.total))
    expect(public.locator("#item-tasks")).to_contain_text("57. 落实“一岗双责”制")
