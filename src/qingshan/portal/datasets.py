"""The open-data catalogue: every published dataset, in CSV, Excel and JSON.

The plan, its targets with their statuses, its tasks with their progress, every indicator value
with its provenance, and the published assessment scores are built here; monitoring statistics
and the key-polluter list come from their own apps' exports, which the catalogue links to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.templatetags.static import static
from django.urls import reverse

from qingshan import opendata
from qingshan.assessment.models import AssessmentRun
from qingshan.assessment.services import published_runs
from qingshan.indicators.models import IndicatorValue
from qingshan.indicators.progress import STATUSES
from qingshan.indicators.status import current_snapshot
from qingshan.indicators.values import ensure_fresh
from qingshan.monitoring.models import AirStation
from qingshan.monitoring.pages import water_context
from qingshan.monitoring.pages.periods import water_years
from qingshan.plans.models import Plan, Responsibility
from qingshan.reporting.demo import has_simulated_reports


@dataclass
class Entry:
    title: str
    description: str
    links: list[tuple[str, str]]  # (format, url)
    simulated: bool = False


def _links(name: str) -> list[tuple[str, str]]:
    return [(f, reverse("portal:dataset", args=[name, f])) for f in opendata.FORMATS]


def catalogue(plan: Plan) -> list[Entry]:
    simulated_air = AirStation.objects.filter(is_simulated=True).exists()
    reports = has_simulated_reports(plan)
    water_year = max(water_years(), default=None)
    entries = [
        Entry(
            "目标及进展状态",
            f"{plan.targets.count()} 个量化目标：目标值、时限、基准、方案原文、最新值和进展状态",
            _links("targets"),
            reports or simulated_air,
        ),
        Entry(
            "任务及进展",
            f"{plan.tasks.count()} 项任务：责任单位、时限、最新审核通过的进展和状态",
            _links("tasks"),
            reports,
        ),
        Entry(
            "指标数值",
            "每个数值及其出处：监测数据计算（标准版本）、审核通过的报告（单位、期次、版本）或办公室录入",
            _links("indicator-values"),
            reports or simulated_air,
        ),
        Entry(
            "行动方案全文（结构化）",
            "章节、任务、责任单位、指标和目标，与方案文件同一格式",
            [(f, reverse("portal:plan-file", args=[f])) for f in ("yaml", "json")],
        ),
        Entry(
            "全市空气质量年度评价",
            "GB 3095-2012 / HJ 663-2013 年评价：各项污染物统计值、达标情况、优良天数比例",
            [(f, reverse("monitoring:city_export", args=["annual", f])) for f in opendata.FORMATS],
            simulated_air,
        ),
        Entry(
            f"地表水断面水质类别（{water_year} 年）",
            "GB 3838-2002：各断面年度水质类别、超标项目、是否达到目标；其他年份在水质页面下载",
            [
                (f, reverse("monitoring:water_export", args=["classes", f]) + f"?year={water_year}")
                for f in opendata.FORMATS
            ]
            if water_year
            else [],
            simulated_air,
        ),
        Entry(
            "重点排污单位名录",
            "名称、统一社会信用代码、区县、地址坐标、类别、行业、排污许可证编号",
            [(f, reverse("polluters:export", kwargs={"fmt": f})) for f in opendata.FORMATS],
        ),
    ]
    for run in published_runs(plan):
        entries.append(
            Entry(
                f"考核结果：{run.title}",
                f"{run.published_at:%Y年%m月%d日}公布；各单位总分、名次、等次和分项得分",
                [(f, reverse("portal:scores", args=[run.pk, f])) for f in opendata.FORMATS]
                + [("pdf", reverse("assessment:pdf", args=[run.pk]))],
                reports,
            )
        )
    return entries


def targets_table(plan: Plan) -> opendata.Table:
    snapshot = current_snapshot(plan)
    statuses = {
        ts.target_id: ts
        for ts in snapshot.target_statuses.all()  # type: ignore[attr-defined]
    }
    rows: list[list[object]] = []
    for t in plan.targets.select_related("indicator", "scope_org", "scope_group", "task").order_by(
        "order"
    ):
        ts = statuses.get(t.pk)
        rows.append(
            [
                t.code,
                t.indicator.name,
                t.scope_label,
                t.get_comparator_display(),
                t.value,
                t.unit or t.indicator.unit,
                t.deadline,
                t.baseline_year,
                t.baseline_value,
                t.task.number if t.task_id else None,  # type: ignore[union-attr]
                t.source_text,
                ts.latest_value if ts else None,
                ts.latest_period if ts else "",
                STATUSES[ts.status].label if ts else "",
                ts.reason if ts else "",
            ]
        )
    return opendata.Table(
        f"{plan.title}：目标及进展状态（截至 {snapshot.as_of:%Y-%m-%d}）",
        f"{plan.code}-目标进展-{snapshot.as_of:%Y%m%d}",
        [
            "代码",
            "指标",
            "范围",
            "比较方式",
            "目标值",
            "单位",
            "时限",
            "基准年",
            "基准值",
            "任务序号",
            "方案原文",
            "最新值",
            "最新值期次",
            "状态",
            "说明",
        ],
        rows,
        # Latest values come from the monitoring data too, as the catalogue's badge says.
        has_simulated_reports(plan) or AirStation.objects.filter(is_simulated=True).exists(),
        ["状态按“进展评估方法”计算：/indicators/method/"],
        real_nature="方案与评估结果",
    )


def tasks_table(plan: Plan) -> opendata.Table:
    snapshot = current_snapshot(plan)
    statuses = {ts.task_id: ts for ts in snapshot.task_statuses.all()}  # type: ignore[attr-defined]
    units: dict[int, dict[str, list[str]]] = {}
    for r in Responsibility.objects.filter(task__plan=plan).select_related("org").order_by("order"):
        units.setdefault(r.task_id, {}).setdefault(r.role, []).append(r.org.name)
    rows: list[list[object]] = []
    for task in plan.tasks.select_related("section").order_by("number"):
        ts = statuses.get(task.pk)
        u = units.get(task.pk, {})
        rows.append(
            [
                task.number,
                task.name,
                task.section.title,
                task.deadline,
                "、".join(u.get("lead", [])),
                "、".join(u.get("co", []) + u.get("territorial", [])),
                ts.as_of_period if ts else "",
                ts.percent if ts else None,
                STATUSES[ts.status].label if ts else "",
                ts.reason if ts else "",
            ]
        )
    return opendata.Table(
        f"{plan.title}：任务及进展（截至 {snapshot.as_of:%Y-%m-%d}）",
        f"{plan.code}-任务进展-{snapshot.as_of:%Y%m%d}",
        [
            "序号",
            "任务",
            "章节",
            "完成时限",
            "牵头单位",
            "配合/属地单位",
            "最新进展期次",
            "完成比例（%）",
            "状态",
            "说明",
        ],
        rows,
        has_simulated_reports(plan),
        real_nature="单位报告与评估结果",
    )


def values_table(plan: Plan) -> opendata.Table:
    ensure_fresh(plan)  # derived values follow new statistics and approvals before listing
    rows: list[list[object]] = []
    for v in (
        IndicatorValue.objects.filter(indicator__plan=plan, is_current=True)
        .select_related("indicator", "scope_org")
        .order_by("indicator_id", "scope_org_id", "date", "id")
    ):
        rows.append(
            [
                v.indicator.code,
                v.indicator.name,
                v.scope_org.name if v.scope_org else "全市",
                v.period,
                v.date,
                v.value,
                v.unit,
                v.get_source_display(),
                v.produced_by,
                v.edition,
                v.partial,
                json.dumps(v.reference, ensure_ascii=False),
                v.note,
            ]
        )
    return opendata.Table(
        f"{plan.title}：指标数值及出处",
        f"{plan.code}-指标数值",
        [
            "指标代码",
            "指标",
            "范围",
            "期次",
            "截至日期",
            "数值",
            "单位",
            "来源",
            "产生者",
            "标准或报告版本",
            "年内累计",
            "出处",
            "说明",
        ],
        rows,
        has_simulated_reports(plan) or AirStation.objects.filter(is_simulated=True).exists(),
        real_nature="监测、报告与录入数据",
    )


def scores_table(run: AssessmentRun) -> opendata.Table:
    rows: list[list[object]] = []
    for s in run.scores.order_by("group", "rank", "org_name"):  # type: ignore[attr-defined]
        items = {i["key"]: i for i in s.items}
        rows.append(
            [
                s.get_group_display(),
                s.rank,
                s.org_name,
                s.grade,
                s.total,
                *[
                    items[k]["score"] if k in items else None
                    for k in ("tasks", "reporting", "indicators")
                ],
                s.deduction_total,
                s.note,
            ]
        )
    return opendata.Table(
        f"{run.title}（{run.published_at:%Y-%m-%d} 公布）",
        f"考核结果-{run.year}-{run.get_kind_display()}",
        [
            "排名组",
            "名次",
            "单位",
            "等次",
            "总分",
            "任务完成",
            "进展报送",
            "指标达成",
            "扣分",
            "说明",
        ],
        rows,
        has_simulated_reports(run.plan),
        [f"评分办法：{run.scheme.name}第 {run.scheme.version} 版；“不适用”项为空"],
        real_nature="考核结果",
    )


BUILDERS = {"targets": targets_table, "tasks": tasks_table, "indicator-values": values_table}


def build(plan: Plan, name: str) -> opendata.Table | None:
    builder = BUILDERS.get(name)
    return builder(plan) if builder else None


def water_map_context() -> dict:
    context = water_context(None)
    context["geo_url"] = static("vendor/geo/hangzhou-districts.geojson")
    return context
