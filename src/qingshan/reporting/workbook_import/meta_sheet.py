"""The hidden _meta sheet of a generated workbook: format version, plan, period, unit, and the
version of each report at download (so a draft saved since is not overwritten)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qingshan.plans.models import Org

from ..models import ReportingPeriod
from ..workbook import FORMAT_NAME, FORMAT_VERSION, MAIN_SHEET
from .cells import blank, cell_text, parse_whole
from .problems import Checker, refuse
from .reading import Table


@dataclass
class Meta:
    plan: str
    period: str
    period_title: str
    org: str
    org_name: str
    versions: dict[int, int | None]  # task number → row_version at download (None: no report)


def read_meta(table: Table | None, check: Checker) -> Meta | None:
    if table is None:
        return None
    pairs: dict[str, Any] = {}
    index = 0
    for index, row in enumerate(table.rows):  # noqa: B007 (key/value pairs, a blank row, rows)
        if not row or blank(row[0]):
            break
        pairs[str(row[0]).strip()] = row[1] if len(row) > 1 else None
    try:
        if pairs.get("format") != FORMAT_NAME:
            raise ValueError
        if parse_whole(pairs.get("version")) != FORMAT_VERSION:
            check.add("格式版本", "工作簿的格式版本与系统不符，请重新下载工作簿")
            return None
        versions: dict[int, int | None] = {}
        for row in table.rows[index + 2 :]:
            if len(row) >= 5 and row[0] == MAIN_SHEET:
                versions[parse_whole(row[2])] = None if blank(row[4]) else parse_whole(row[4])
        return Meta(
            plan=cell_text(pairs.get("plan")),
            period=cell_text(pairs.get("period")),
            period_title=cell_text(pairs.get("period_title")),
            org=cell_text(pairs.get("org")),
            org_name=cell_text(pairs.get("org_name")),
            versions=versions,
        )
    except (ValueError, TypeError, IndexError):
        check.add("格式版本", "工作簿的隐藏信息（_meta）已损坏，请重新下载工作簿")
        return None


def check_meta(meta: Meta, org: Org, period: ReportingPeriod) -> None:
    if (meta.org, meta.period, meta.plan) == (org.code, period.label, period.plan.code):
        return
    other_org = Org.objects.filter(region=org.region, code=meta.org).first()
    what = f"{other_org.name if other_org else (meta.org_name or meta.org)}·"
    what += meta.period_title or meta.period
    if meta.plan != period.plan.code:
        what = f"另一行动方案（{meta.plan}）中{what}"
    raise refuse(
        "单位或期次不符",
        f"该工作簿是{what}的填报表，不能导入{org.name}·{period.title}。"
        f"请在{org.name}·{period.title}的页面下载工作簿填写后上传",
    )
