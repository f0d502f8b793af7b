"""The run as documents: the Chinese PDF report (its text extracted) and the Excel score tables."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from qingshan.assessment import documents, services
from qingshan.assessment.models import Score


@pytest.fixture
def run(reports, hz, office, scheme):
    """市监委 sent its 2020Q4 reports on time and they were approved: it has a total above 0."""
    reports.file("jcw", 57, "2020Q4", percent=45)
    reports.file("jcw", 58, "2020Q4", status="done", percent=100)
    return services.run_assessment(office, hz, scheme, kind="annual", year=2020)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Line breaks fall where the layout put them; compare text without them.
    return "".join((page.extract_text() or "") for page in reader.pages).replace("\n", "")


def test_the_preview_pdf_names_the_run_and_each_units_total(
    client, run, office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    jcw = Score.objects.get(run=run, org__code="jcw")
    assert jcw.total is not None and jcw.total > 0
    client.force_login(office)
    response = client.get(f"/assessment/runs/{run.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert run.title in text
    assert "预览稿" in text  # not yet published
    assert f"市监委：{jcw.total} 分" in text
    assert "西湖区：0.00 分" in text  # a real zero is printed as zero, not as 无法评估


def test_the_pdf_is_rendered_once_per_state_and_kept(client, run, office, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(office)
    first = client.get(f"/assessment/runs/{run.pk}/report.pdf").content
    stored = list((tmp_path / "assessment-reports").glob(f"run-{run.pk}-*-preview.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == first
    assert client.get(f"/assessment/runs/{run.pk}/report.pdf").content == first
    services.publish(office, run)
    published = client.get(f"/assessment/runs/{run.pk}/report.pdf").content
    assert published != first
    assert "预览稿" in pdf_text(first) and "预览稿" not in pdf_text(published)
    assert len(list((tmp_path / "assessment-reports").glob(f"run-{run.pk}-*.pdf"))) == 2


def test_the_workbook_has_a_sheet_per_group_and_the_details(run):
    book = load_workbook(io.BytesIO(documents.score_workbook(run)))
    assert book.sheetnames == ["市级部门和单位", "区、县（市）", "评分明细"]

    municipal = book["市级部门和单位"]
    assert municipal["A1"].value == f"{run.title}（市级部门和单位）"
    header = [c.value for c in municipal[2]]
    assert header[:4] == ["名次", "单位", "等次", "总分"]
    rows = {r[1]: r for r in municipal.iter_rows(min_row=3, values_only=True)}
    jcw = Score.objects.get(run=run, org__code="jcw")
    assert jcw.total is not None
    items = {i["key"]: i for i in jcw.items}
    assert rows["市监委"][0] == jcw.rank
    assert rows["市监委"][3] == pytest.approx(float(jcw.total))
    assert rows["市监委"][4] == items["tasks"]["score"]
    assert rows["市监委"][6] == "不适用"  # 市监委 has no target in its scope
    municipal_count = Score.objects.filter(run=run, group="municipal").count()
    assert len(rows) == municipal_count

    districts = {r[1] for r in book["区、县（市）"].iter_rows(min_row=3, values_only=True)}
    assert {"西湖区", "江干区", "下城区"} <= districts
    assert "市监委" not in districts

    detail = list(book["评分明细"].iter_rows(min_row=2, values_only=True))
    jcw_items = [r for r in detail if r[0] == "市监委"]
    assert [r[1] for r in jcw_items[:3]] == ["任务完成", "进展报送", "指标达成"]
    assert jcw_items[0][4] == items["tasks"]["score"]
    assert jcw_items[2][4] == "不适用"


def test_the_workbook_is_served_as_a_download(client, run, office):
    client.force_login(office)
    excel = client.get(f"/assessment/runs/{run.pk}/scores.xlsx")
    assert excel.status_code == 200
    assert "attachment" in excel["Content-Disposition"]
    assert load_workbook(io.BytesIO(excel.content)).sheetnames[-1] == "评分明细"
