"""The pages' data as CSV (UTF-8 with BOM, so that Excel opens it as Chinese) and Excel.

Every table ends with a 数据性质 column, and simulated data say so in it, in the file name and
on the workbook's 说明 sheet: a file that leaves the site still says what it holds.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qingshan import opendata

from .models import (
    AIR_FIELDS,
    AirDay,
    AirHour,
    AirPeriodStat,
    WaterClass,
    WaterSample,
    WaterSection,
)
from .pages import (
    SHANGHAI,
    STATISTICS,
    grade_label,
    item_rows,
    unit_of,
    water_items,
)

DAILY_KEYS = ("SO2", "NO2", "CO", "O3", "O3_8h", "PM10", "PM2.5")
DEMO_NOTE = "本表数据由 qingshan demo_monitoring 生成，不是真实监测结果。"


def monitoring_table(title, filename, headers, rows, simulated, notes=None) -> opendata.Table:
    """A monitoring table: measured data, or the simulated network's."""
    return opendata.Table(
        title, filename, headers, rows, simulated, notes or [], simulated_note=DEMO_NOTE
    )


def _hour_end_text(moment: dt.datetime) -> str:
    # The last hour of a day ends at 00:00 of the next: plain timestamps sort and parse.
    return f"{timezone.localtime(moment, SHANGHAI):%Y-%m-%d %H:%M}"


# --- air ---------------------------------------------------------------------------------------


def station_hours(station, year: int) -> opendata.Table:
    start = dt.datetime(year, 1, 1, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, 0, tzinfo=SHANGHAI)
    columns = list(AIR_FIELDS.values())
    rows: list[list[object]] = []
    for time, *values, flags in (
        AirHour.objects.filter(station=station, time__gte=start, time__lte=end)
        .order_by("time")
        .values_list("time", *columns, "flags")
    ):
        marks = "；".join(f"{p}:{f}" for p, f in sorted((flags or {}).items()) if f)
        rows.append([station.code, station.name, _hour_end_text(time), *values, marks])
    headers = [
        "站点编码",
        "站点名称",
        "时间（北京时间，小时末）",
        *[f"{p}（{unit_of(p)}）" for p in AIR_FIELDS],
        "标记（非空为无效）",
    ]
    return monitoring_table(
        f"{station.name}（{station.code}）{year}年空气质量小时数据",
        f"{station.code}-{year}-小时数据",
        headers,
        rows,
        station.is_simulated,
        ["缺测小时不列出或为空；带标记的数值按国家网规则无效，不参与统计。"],
    )


def days(scope: str, code: str, name: str, year: int, simulated: bool) -> opendata.Table:
    rows: list[list[object]] = []
    for d in AirDay.objects.filter(scope=scope, code=code, date__year=year).order_by("date"):
        values = d.values or {}
        rows.append(
            [
                d.date.isoformat(),
                d.aqi,
                d.category or "数据不足",
                "、".join(d.primary),
                *[
                    None if values.get(k) is None else round(values[k], 2 if k == "CO" else 1)
                    for k in DAILY_KEYS
                ],
                d.complete,
            ]
        )
    headers = [
        "日期",
        "AQI",
        "类别",
        "首要污染物",
        *[
            f"{'O3（日最大1小时）' if k == 'O3' else 'O3（日最大8小时）' if k == 'O3_8h' else k}"
            f"（{unit_of(k)}）"
            for k in DAILY_KEYS
        ],
        "七项日指标均有效",
    ]
    return monitoring_table(
        f"{name} {year}年空气质量日报（HJ 633-2012）",
        f"{code}-{year}-日报",
        headers,
        rows,
        simulated,
        ["日均值按 GB 3095-2012 数据有效性规定计算；AQI 按 HJ 633-2012。"],
    )


def annual(scope: str, code: str, name: str, simulated: bool) -> opendata.Table:
    rows: list[list[object]] = []
    stats = AirPeriodStat.objects.filter(scope=scope, code=code).order_by("period")
    for s in stats:
        if len(s.period) != 4:
            continue
        for r in s.statistics:
            rows.append(
                [
                    s.period,
                    r["pollutant"],
                    STATISTICS.get(r["statistic"], r["statistic"]),
                    r.get("value"),
                    r.get("unit") or unit_of(r["pollutant"]),
                    r.get("n_days"),
                    r.get("valid"),
                    r.get("limit_II"),
                    r.get("attains_II") if r.get("valid") else None,
                ]
            )
        share = None if s.good_day_share is None else round(100 * s.good_day_share, 1)
        rows.append([s.period, "AQI", "优良天数比例", share, "%", s.valid_days, None, None, None])
    headers = [
        "年份",
        "污染物",
        "统计量",
        "数值",
        "单位",
        "有效天数",
        "数据有效",
        "二级浓度限值",
        "达到二级标准",
    ]
    return monitoring_table(
        f"{name} 空气质量年度评价（GB 3095-2012 / HJ 663-2013）",
        f"{code}-年度评价",
        headers,
        rows,
        simulated,
        ["“数据有效”为否时，统计量不满足 GB 3095-2012 表4 的有效性要求，不作达标判定。"],
    )


# --- water -------------------------------------------------------------------------------------


def water_classes(year: int) -> opendata.Table:
    classes = {c.section_id: c for c in WaterClass.objects.filter(period=str(year))}
    rows: list[list[object]] = []
    simulated = False
    for s in WaterSection.objects.select_related("district").order_by("id"):
        simulated = simulated or s.is_simulated
        c = classes.get(s.pk)
        exceeding = "；".join(
            f"{e['item']}（{e['multiple']:g}倍）" for e in (c.exceeding if c else [])
        )
        rows.append(
            [
                s.code,
                s.name,
                s.water,
                s.get_level_display(),
                s.district.name if s.district else "",
                grade_label(s.target_class),
                grade_label(c.grade) if c and c.grade else "无数据",
                c.compliant if c else None,
                exceeding,
                s.is_drinking_source,
                s.is_cross_boundary,
                s.longitude,
                s.latitude,
            ]
        )
    headers = [
        "断面编码",
        "断面名称",
        "水体",
        "级别",
        "所在区、县（市）",
        "水质目标",
        f"{year}年水质类别",
        "达到目标",
        "超标项目（超标倍数）",
        "饮用水水源地",
        "交接断面",
        "经度",
        "纬度",
    ]
    return monitoring_table(
        f"{year}年地表水监测断面水质类别（GB 3838-2002）",
        f"水质断面-{year}",
        headers,
        rows,
        simulated,
        ["类别按年均值单因子评价（环办〔2011〕22号）；超标倍数相对于水质目标类别限值。"],
    )


def section_samples(section: WaterSection, year: int) -> opendata.Table:
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    names = water_items()
    samples = list(
        WaterSample.objects.filter(section=section, time__gte=start, time__lt=end).order_by(
            "time", "item"
        )
    )
    rows: list[list[object]] = []
    for s in samples:
        name, unit = names.get(s.item, (s.item, ""))
        rows.append(
            [
                section.code,
                section.name,
                f"{timezone.localtime(s.time, SHANGHAI):%Y-%m-%d %H:%M}",
                s.item,
                name,
                "未检出" if s.below_detection else s.value,
                unit,
                s.detection_limit,
                s.automatic,
            ]
        )
    headers = [
        "断面编码",
        "断面名称",
        "采样时间",
        "项目",
        "名称",
        "浓度",
        "单位",
        "检出限",
        "自动站",
    ]
    summary = item_rows(section, samples)
    notes = ["未检出按检出限的一半参与均值计算。"] + [
        f"{r.name}：{r.n} 次，均值 {r.mean:.4g}{r.unit}，目标限值 {r.limit}"
        for r in summary
        if r.mean is not None
    ]
    return monitoring_table(
        f"{section.name}（{section.code}）{year}年水质监测数据",
        f"{section.code}-{year}-水质",
        headers,
        rows,
        section.is_simulated,
        notes,
    )
