"""Values the office enters by hand, with evidence: checked, audited, corrected by new versions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from qingshan.accounts.roles import is_office
from qingshan.audit.services import record_event
from qingshan.numbers import parse_decimal
from qingshan.plans.models import Indicator, Org
from qingshan.uploads import UploadError, check_upload

from .models import IndicatorValue

PERIOD = re.compile(r"^(?P<year>\d{4})(?:Q(?P<quarter>[1-4]))?$")
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
# Ways people write the same unit; anything else that differs from the indicator's unit is wrong.
UNIT_SPELLINGS = {
    "微克/立方米": {"μg/m³", "µg/m³", "ug/m3", "μg/m3", "µg/m3", "微克每立方米"},
    "%": {"％", "百分比"},
}


class EntryError(ValueError):
    """What is wrong with an entered value, field by field."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("；".join(f"{k}：{v}" for k, v in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Evidence:
    name: str
    data: bytes


def period_end(period: str) -> dt.date:
    match = PERIOD.match(period.strip())
    if not match:
        raise ValueError(f"期次“{period}”应写作年份（2020）或季度（2020Q4）")
    year = int(match["year"])
    month, day = QUARTER_END[int(match["quarter"] or 4)]
    return dt.date(year, month, day)


def same_unit(given: str, expected: str) -> bool:
    given, expected = given.strip(), expected.strip()
    return given == expected or given in UNIT_SPELLINGS.get(expected, set())


def enter_value(
    user,
    indicator: Indicator,
    *,
    period: str,
    value: str,
    unit: str,
    note: str,
    scope_org: Org | None = None,
    evidence: Evidence | None = None,
) -> IndicatorValue:
    """Record a value the office read from a source outside the platform.

    A second entry for the same indicator, scope and period is a correction: it supersedes the
    first, which stays on record.
    """
    if not is_office(user):
        raise PermissionError("只有美丽杭州办可以录入指标数值")
    problems: dict[str, str] = {}
    try:
        date = period_end(period)
        plan = indicator.plan
        if not plan.start_year - 5 <= date.year <= plan.horizon_year + 5:
            problems["period"] = (
                f"{date.year} 年不在方案期限（{plan.start_year}–{plan.horizon_year}）附近"
            )
    except ValueError as exc:
        problems["period"] = str(exc)
    number: Decimal | None = None
    try:
        number = parse_decimal(value)
    except ValueError as exc:
        problems["value"] = str(exc)
    if indicator.unit and not same_unit(unit, indicator.unit):
        problems["unit"] = f"单位“{unit}”与指标的计量单位“{indicator.unit}”不符，请换算后录入"
    if number is not None and indicator.unit in ("%", "％") and not 0 <= number <= 100:
        problems["value"] = f"比例应在 0–100 之间，录入的是 {number}"
    if not note.strip():
        problems["note"] = "请写明数据出处（文件、发布机关或统计公报）"
    if evidence is not None:
        try:
            check_upload(evidence.name, evidence.data)
        except UploadError as exc:
            problems["evidence"] = str(exc)
    if problems:
        raise EntryError(problems)
    assert number is not None
    with transaction.atomic():
        previous = (
            IndicatorValue.objects.select_for_update()
            .filter(
                indicator=indicator,
                scope_org=scope_org,
                period=period.strip(),
                source=IndicatorValue.Source.ENTRY,
                is_current=True,
            )
            .first()
        )
        row = IndicatorValue(
            indicator=indicator,
            scope_org=scope_org,
            period=period.strip(),
            date=date,
            value=number,
            unit=indicator.unit,
            source=IndicatorValue.Source.ENTRY,
            reference={"kind": "entry"},
            edition=f"第 {_version(previous) + 1} 版",
            produced_by=user.get_full_name() or user.get_username(),
            note=note.strip(),
            entered_by=user,
        )
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
            row.supersedes = previous
        if evidence is not None:
            row.evidence_name = evidence.name
            row.evidence.save(evidence.name, ContentFile(evidence.data), save=False)
        row.save()
        record_event(
            "indicator.value_entered",
            "IndicatorValue",
            row.pk,
            actor=user,
            summary=f"{indicator.name} {row.period} = {number} {indicator.unit}",
            before=None if previous is None else {"value": str(previous.value)},
            after={"value": str(number), "note": row.note},
        )
    return row


def _version(previous: IndicatorValue | None) -> int:
    count = 0
    while previous is not None:
        count += 1
        previous = previous.supersedes
    return count
