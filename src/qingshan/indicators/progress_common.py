"""What the status method shares between targets and tasks: the statuses, the assessment it
returns, the time axis and the ratio thresholds. Pure Python; docs/indicator-status.md is the
method this code implements, section by section."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

# Open SDG / sdg-build default thresholds for the ratio of observed to required growth
# (sdg/ProgressMeasure.py, get_progress_thresholds: high 0.95, med 0.6, low 0).
ON_TRACK_RATIO = 0.95
AT_RISK_RATIO = 0.6

# Comparisons forgive float noise such as 100 × (1 − 5/100) = 95.00000000000001.
RELATIVE_MARGIN = 1e-9


@dataclass(frozen=True)
class StatusInfo:
    code: str
    label: str  # what the page shows
    order: int  # sort key, worst first
    colour: str  # Bootstrap contextual colour (text-bg-…)


# One table for every page: label, sort order (worst first) and badge colour.
STATUSES: dict[str, StatusInfo] = {
    info.code: info
    for info in (
        StatusInfo("off_track", "严重滞后", 0, "danger"),
        StatusInfo("at_risk", "存在风险", 1, "warning"),
        StatusInfo("no_data", "暂无数据", 2, "secondary"),
        StatusInfo("cannot_assess", "无法评估", 3, "dark"),
        StatusInfo("on_track", "进度正常", 4, "info"),
        StatusInfo("achieved", "已达标", 5, "success"),
    )
}


@dataclass(frozen=True)
class Observation:
    """One value of the indicator; `date` is the last day of the period it describes."""

    date: date
    value: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ValueError(f"观测值必须是有限数值：{self.date} 的值为 {self.value}")


@dataclass(frozen=True)
class Milestone:
    """One requirement of a target: `comparator` `value` by `deadline`.

    For "reduce_by" the value is the percentage p; "no_increase" ignores the value. A
    milestone's own baseline, when given, replaces the target's for its threshold."""

    deadline: date
    comparator: str
    value: float
    tolerance: float | None = None  # percent of the value, for "about" and "=" without direction
    baseline_year: int | None = None
    baseline_value: float | None = None

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise ValueError(f"未知的比较方式：{self.comparator!r}")
        if not math.isfinite(self.value):
            raise ValueError(f"目标值必须是有限数值：{self.value}")
        if self.tolerance is not None and not (
            math.isfinite(self.tolerance) and self.tolerance >= 0
        ):
            raise ValueError(f"容差必须是非负数：{self.tolerance}")
        if self.comparator == "reduce_by" and not 0 <= self.value <= 100:
            raise ValueError(f"下降百分比须在 0 到 100 之间：{self.value}")
        if self.baseline_value is not None and not math.isfinite(self.baseline_value):
            raise ValueError(f"基准值必须是有限数值：{self.baseline_value}")


COMPARATORS = ("<=", ">=", "at_least", ">", "=", "about", "reduce_by", "no_increase")
DIRECTIONS = ("increase", "decrease", "none")
FREQUENCIES = ("once", "yearly")


@dataclass(frozen=True)
class TargetSpec:
    """Every milestone of one indicator in one scope, with what the plan says about its start."""

    direction: str  # increase | decrease | none (the indicator's)
    milestones: tuple[Milestone, ...]  # sorted by deadline
    baseline_year: int | None = None
    baseline_value: float | None = None
    frequency: str = "once"  # once | yearly
    start: date | None = None  # the plan's first day in force
    # Yearly targets only: True when the indicator counts up within a year (企业数, 公里),
    # so a part-year value is compared with the elapsed share of the year.
    accumulates_within_year: bool = False
    unit: str = ""  # only for the reason sentences

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"未知的指标方向：{self.direction!r}")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"未知的频次：{self.frequency!r}")
        if not self.milestones:
            raise ValueError("目标至少要有一个里程碑")
        deadlines = [m.deadline for m in self.milestones]
        if any(a >= b for a, b in zip(deadlines, deadlines[1:], strict=False)):
            raise ValueError("里程碑须按完成时限从早到晚排列，且时限不能重复")
        if self.baseline_value is not None and not math.isfinite(self.baseline_value):
            raise ValueError(f"基准值必须是有限数值：{self.baseline_value}")


@dataclass(frozen=True)
class Assessment:
    status: str
    reason: str  # one Chinese sentence for the warning list
    latest: Observation | None = None  # the value judged
    expected: float | None = None  # the glide path at latest.date
    milestone: Milestone | None = None  # the milestone judged against
    required_rate: float | None = None  # per year; a fraction when method is "geometric"
    actual_rate: float | None = None
    ratio: float | None = None
    method: str | None = None  # "geometric" | "linear"
    anchor: Observation | None = None  # where the glide path starts

    @property
    def info(self) -> StatusInfo:
        return STATUSES[self.status]

    @property
    def label(self) -> str:
        return STATUSES[self.status].label

    @property
    def colour(self) -> str:
        return STATUSES[self.status].colour

    @property
    def order(self) -> int:
        return STATUSES[self.status].order


def year_coordinate(day: date) -> float:
    """τ(d) = (year − 1) + day-of-year / days-in-year: 31 December of Y is exactly Y."""
    days_in_year = (date(day.year, 12, 31) - date(day.year, 1, 1)).days + 1
    return day.year - 1 + day.timetuple().tm_yday / days_in_year


def status_for_ratio(ratio: float) -> str:
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    if ratio >= AT_RISK_RATIO:
        return "at_risk"
    return "off_track"


def at_least(value: float, bound: float) -> bool:
    return value >= bound - RELATIVE_MARGIN * max(1.0, abs(bound))


def at_most(value: float, bound: float) -> bool:
    return value <= bound + RELATIVE_MARGIN * max(1.0, abs(bound))


def number(x: float) -> str:
    """38 → "38", 36.456 → "36.46": enough digits for a sentence, no float noise."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rate_text(rate: float, method: str, unit: str) -> str:
    if method == "geometric":
        return f"{rate * 100:+.1f}%/年"
    return f"{'+' if rate >= 0 else ''}{number(rate)}{unit}/年"
