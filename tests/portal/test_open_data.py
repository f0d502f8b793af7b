"""Open data: the catalogue and its datasets (targets, tasks, indicator values) as CSV, Excel and
JSON; the plan in its own file format; the scores of published assessments only.

Row counts come from the plan file (62 tasks, 144 targets)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from qingshan.assessment import services
from qingshan.monitoring.models import AirStation
from qingshan.plans.models import Org, Responsibility
from qingshan.plans.planfile import read_plan_file

TARGET_HEADERS = [
    "代码", "指标", "范围", "比较方式", "目标值", "单位", "时限", "基准年", "基准值",
    "任务序号", "方案原文", "最新值", "最新值期次", "状态", "说明",
]  # fmt: skip
TASK_HEADERS = [
    "序号", "任务", "章节", "完成时限", "牵头单位", "配合/属地单位", "最新进展期次",
    "完成比例（%）", "状态", "说明",
]  # fmt: skip


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def workbook(response) -> openpyxl.Workbook:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def json_body(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def file_name(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    return unquote(disposition.split("filename*=utf-8''")[1])


def office():
    return get_user_model().objects.get(username="office")


# --- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_is_open_to_anyone_and_links_every_format(client, hz):
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "144 个量化目标" in html and "62 项任务" in html
    for name in ("targets", "tasks", "indicator-values"):
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="/open-data/{name}.{fmt}"' in html
    assert 'href="/open-data/plan.yaml"' in html and 'href="/open-data/plan.json"' in html
    assert "考核结果：" not in html


def test_the_catalogue_lists_an_assessment_only_once_published(client, hz, make_assessment):
    run = make_assessment(hz, publish=False)
    html = client.get("/open-data/").content.decode()
    assert f"/open-data/assessment/{run.pk}." not in html
    services.publish(office(), run)
    html = client.get("/open-data/").content.decode()
    assert f"考核结果：{run.title}" in html
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/open-data/assessment/{run.pk}.{fmt}"' in html


# --- targets, tasks, indicator values -------------------------------------------------------


def test_targets_as_csv_have_a_header_the_nature_column_and_every_target(client, hz, plan_document):
    response = client.get("/open-data/targets.csv")
    rows = csv_rows(response)
    assert rows[0] == [*TARGET_HEADERS, "数据性质"]
    assert len(rows) - 1 == len(plan_document.data["targets"]) == 144
    assert {r[-1] for r in rows[1:]} == {"方案与评估结果"}
    by_code = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    pm25 = by_code["pm25-2020"]
    source = next(t for t in plan_document.data["targets"] if t["code"] == "pm25-2020")
    assert (pm25["目标值"], pm25["单位"], pm25["时限"]) == ("38", "微克/立方米", "2020-12-31")
    assert pm25["方案原文"] == source["source_text"]
    assert (pm25["最新值"], pm25["状态"]) == ("", "暂无数据")
    assert file_name(response).endswith(".csv")
    assert "演示数据" not in file_name(response)


def test_targets_carry_the_latest_value_and_status(client, hz, make_air_year):
    make_air_year("city", "city", "2020", 36.0)
    rows = csv_rows(client.get("/open-data/targets.csv"))
    pm25 = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "pm25-2020")
    assert (pm25["最新值"], pm25["最新值期次"], pm25["状态"]) == ("36", "2020", "已达标")


def test_targets_as_excel_have_a_data_sheet_and_an_about_sheet(client, hz):
    book = workbook(client.get("/open-data/targets.xlsx"))
    assert book.sheetnames == ["数据", "说明"]
    rows = list(book["数据"].iter_rows(values_only=True))
    assert list(rows[0]) == [*TARGET_HEADERS, "数据性质"]
    assert len(rows) - 1 == 144
    about = [str(r[0]) for r in book["说明"].iter_rows(values_only=True)]
    assert about[0].startswith(
        "杭州市加快生态文明示范创建深化“美丽杭州”建设行动方案：目标及进展状态"
    )
    assert about[-1].startswith("导出时间：")


def test_targets_as_json_have_columns_and_one_object_per_target(client, hz):
    body = json_body(client.get("/open-data/targets.json"))
    assert body["columns"] == TARGET_HEADERS
    assert len(body["rows"]) == 144
    assert body["simulated"] is False
    pm25 = next(r for r in body["rows"] if r["代码"] == "pm25-2022")
    assert (pm25["目标值"], pm25["时限"]) == (35, "2022-12-31")


def test_tasks_in_every_format_hold_the_62_tasks_with_their_lead_units(client, hz, plan_document):
    count = len(plan_document.data["tasks"])
    assert count == 62
    rows = csv_rows(client.get("/open-data/tasks.csv"))
    assert rows[0] == [*TASK_HEADERS, "数据性质"]
    assert [int(r[0]) for r in rows[1:]] == list(range(1, count + 1))
    task52 = dict(zip(rows[0], rows[52], strict=True))
    assert (task52["任务"], task52["牵头单位"]) == ("森林城市建设", "市林水局")
    book = workbook(client.get("/open-data/tasks.xlsx"))
    assert book["数据"].max_row == count + 1
    body = json_body(client.get("/open-data/tasks.json"))
    assert body["columns"] == TASK_HEADERS and len(body["rows"]) == count


def test_indicator_values_list_each_current_value_with_where_it_came_from(
    client, hz, make_air_year, make_pm25_entry
):
    make_air_year("city", "city", "2020", 36.0)
    make_air_year("district", "xihu", "2020", 33.0)
    make_pm25_entry(hz, "2021", "34")
    make_pm25_entry(hz, "2021", "34.5")  # a correction: only the current version is listed
    body = json_body(client.get("/open-data/indicator-values.json"))
    rows = [(r["范围"], r["期次"], r["数值"], r["来源"]) for r in body["rows"]]
    assert sorted(rows) == sorted(
        [
            ("全市", "2020", 36.0, "监测数据计算"),
            ("西湖区", "2020", 33.0, "监测数据计算"),
            ("全市", "2021", 34.5, "办公室录入"),
        ]
    )
    entry = next(r for r in body["rows"] if r["期次"] == "2021")
    assert entry["标准或报告版本"] == "第 2 版"
    rows_csv = csv_rows(client.get("/open-data/indicator-values.csv"))
    assert len(rows_csv) == 1 + 3
    book = workbook(client.get("/open-data/indicator-values.xlsx"))
    assert book["数据"].max_row == 1 + 3


def test_simulated_monitoring_data_label_the_targets_values_and_files(client, hz, make_air_year):
    AirStation.objects.create(
        code="SIM1", name="模拟站", level="national", latitude=30.25, longitude=120.13,
        active_from=dt.date(2019, 1, 1), is_simulated=True,
    )  # fmt: skip
    make_air_year("city", "city", "2020", 36.0)
    for name in ("targets", "indicator-values"):
        response = client.get(f"/open-data/{name}.csv")
        rows = csv_rows(response)
        assert {r[-1] for r in rows[1:]} == {"模拟（演示数据）"}, name
        assert "演示数据（模拟）" in file_name(response), name
        book = workbook(client.get(f"/open-data/{name}.xlsx"))
        about = [str(r[0]) for r in book["说明"].iter_rows(values_only=True)]
        assert any(line.startswith("演示数据（模拟）：") for line in about), name
        assert json_body(client.get(f"/open-data/{name}.json"))["simulated"] is True, name


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/polluters-list.csv",
        "/open-data/targets.pdf",
        "/open-data/targets.xls",
        "/open-data/tasks.CSV",
        "/open-data/plan.xml",
        "/open-data/plan.csv",
    ],
)
def test_an_unknown_dataset_or_format_is_not_found(client, hz, path):
    assert client.get(path).status_code == 404


def test_downloads_refuse_to_be_posted_to(client, hz):
    assert client.post("/open-data/targets.csv").status_code == 405


# --- formula-looking text -------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_written_as_text(client, hz):
    formula = '=HYPERLINK("http://example.com","点此")'
    lead = Responsibility.objects.get(task__plan=hz, task__number=52, role="lead").org
    Org.objects.filter(pk=lead.pk).update(name=formula)

    rows = csv_rows(client.get("/open-data/tasks.csv"))
    assert rows[52][4] == "'" + formula
    sheet = workbook(client.get("/open-data/tasks.xlsx"))["数据"]
    cell = sheet.cell(row=53, column=5)
    assert cell.value == formula and cell.data_type == "s"  # text, shown as typed
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row), (
        "no cell is a formula"
    )
    # JSON is read by programs, not spreadsheets: the name is given as it is.
    body = json_body(client.get("/open-data/tasks.json"))
    assert body["rows"][51]["牵头单位"] == formula


# --- the plan file --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_plan_file_reads_back_with_every_task_and_target(
    client, hz, plan_document, tmp_path, fmt
):
    response = client.get(f"/open-data/plan.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="hangzhou-2019.{fmt}"'
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(response.content)
    document = read_plan_file(path)
    assert document.code == "hangzhou-2019"
    assert len(document.data["tasks"]) == len(plan_document.data["tasks"]) == 62
    assert len(document.data["targets"]) == len(plan_document.data["targets"]) == 144
    assert next(t for t in document.data["tasks"] if t["number"] == 52)["name"] == "森林城市建设"


# --- assessment scores ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_scores_of_an_unpublished_run_are_not_found(client, hz, make_assessment, fmt):
    run = make_assessment(hz, publish=False)
    assert client.get(f"/open-data/assessment/{run.pk}.{fmt}").status_code == 404


def test_scores_of_a_published_run_list_every_unit(
    client, hz, make_approved_report, make_assessment
):
    make_approved_report(hz, "xihu", 52, "2020Q4")
    run = make_assessment(hz, publish=True)
    # Every unit with a responsibility in the plan is scored.
    units = Org.objects.filter(responsibilities__task__plan=hz).distinct().count()
    assert run.scores.count() == units

    rows = csv_rows(client.get(f"/open-data/assessment/{run.pk}.csv"))
    assert rows[0][:5] == ["排名组", "名次", "单位", "等次", "总分"]
    assert len(rows) - 1 == units
    xihu = next(r for r in rows[1:] if r[2] == "西湖区")
    score = run.scores.get(org__code="xihu")
    assert (xihu[0], xihu[1], Decimal(xihu[4])) == ("区、县（市）", "1", score.total)
    assert {r[0] for r in rows[1:]} == {"市级部门和单位", "区、县（市）"}

    body = json_body(client.get(f"/open-data/assessment/{run.pk}.json"))
    assert len(body["rows"]) == units
    assert {r["单位"] for r in body["rows"]} == set(run.scores.values_list("org_name", flat=True))
    book = workbook(client.get(f"/open-data/assessment/{run.pk}.xlsx"))
    assert book["数据"].max_row == units + 1


def test_scores_in_another_format_or_of_an_unknown_run_are_not_found(client, hz, make_assessment):
    run = make_assessment(hz, publish=True)
    assert client.get(f"/open-data/assessment/{run.pk}.pdf").status_code == 404
    assert client.get(f"/open-data/assessment/{run.pk + 1}.csv").status_code == 404
