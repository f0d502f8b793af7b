"""A milestone read against its indicator: which way is better, the value the glide path aims
at, and when a value meets it (docs/indicator-status.md, "比较方式")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qingshan.indicators.progress_common import (
    RELATIVE_MARGIN,
    Milestone,
    Observation,
    TargetSpec,
    at_least,
    at_most,
    number,
)

ABOUT_TOLERANCE_DEFAULT = 5.0  # percent of the value, when the plan says 左右 without a figure

_SENSE = {
    "<=": -1,
    "reduce_by": -1,
    "no_increase": -1,
    ">=": 1,
    "at_least": 1,
    ">": 1,
}
_DIRECTION_LABEL = {"increase": "越高越好", "decrease": "越低越好", "none": "无方向"}
_COMPARATOR_LABEL = {
    "<=": "不高于",
    ">=": "不低于",
    "at_least": "以上",
    ">": "高于",
    "=": "达到",
    "about": "左右",
    "reduce_by": "比基准年下降",
    "no_increase": "零增长",
}


class CannotAssess(ValueError):
    """The inputs do not allow the method to run; the message says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Rule:
    milestone: Milestone
    sense: int  # +1 higher is better, −1 lower is better, 0 a band around `aim`
    aim: float  # where the glide path arrives at the deadline
    strict: bool  # ">" only
    half_width: float  # band only
    wording: str  # "不高于 38微克/立方米"

    def met(self, value: float) -> bool:
        if self.sense > 0:
            if self.strict:
                return value > self.aim + RELATIVE_MARGIN * max(1.0, abs(self.aim))
            return at_least(value, self.aim)
        if self.sense < 0:
            return at_most(value, self.aim)
        return at_most(abs(value - self.aim), self.half_width)


def usable(observations: Sequence[Observation], as_of: date | None) -> list[Observation]:
    """Observations up to `as_of`, oldest first; two values for one date are an input error."""
    seen: set[date] = set()
    for o in observations:
        if o.date in seen:
            raise ValueError(f"同一日期有两个观测值：{o.date}")
        seen.add(o.date)
    return sorted(
        (o for o in observations if as_of is None or o.date <= as_of), key=lambda o: o.date
    )


def value_in_year(observations: Sequence[Observation], year: int) -> Observation | None:
    """The last observation dated in `year` (observations sorted oldest first)."""
    found = [o for o in observations if o.date.year == year]
    return found[-1] if found else None


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _reference(m: Milestone, spec: TargetSpec, obs: Sequence[Observation]) -> tuple[float, str]:
    """The value "reduce_by" and "no_increase" are measured against, and how to name it."""
    sources = ((m.baseline_year, m.baseline_value), (spec.baseline_year, spec.baseline_value))
    for year, value in sources:
        if value is not None:
            return value, f"{year}年" if year is not None else "基准值"
        if year is not None:
            found = value_in_year(obs, year)
            if found is None:
                raise CannotAssess(
                    f"缺少{year}年的基准值，无法确定“{_COMPARATOR_LABEL[m.comparator]}”目标"
                    f"（{day_text(m.deadline)}）的目标值"
                )
            return found.value, f"{year}年"
    raise CannotAssess(
        f"“{_COMPARATOR_LABEL[m.comparator]}”目标（{day_text(m.deadline)}）需要基准值，"
        "但未给出基准年或基准值"
    )


def resolve(spec: TargetSpec, obs: Sequence[Observation]) -> list[Rule]:
    """One rule per milestone, or CannotAssess naming the first milestone the method can't read."""
    return [_resolve_one(m, spec, obs) for m in spec.milestones]


def _resolve_one(m: Milestone, spec: TargetSpec, obs: Sequence[Observation]) -> Rule:
    unit = spec.unit
    if m.comparator == "about" or (m.comparator == "=" and spec.direction == "none"):
        default = ABOUT_TOLERANCE_DEFAULT if m.comparator == "about" else 0.0
        tolerance = m.tolerance if m.tolerance is not None else default
        if m.comparator == "=" and tolerance == 0:
            wording = f"等于 {number(m.value)}{unit}"
        else:
            note = "，默认容差" if m.tolerance is None else ""
            wording = f"{number(m.value)}{unit}左右（±{number(tolerance)}%{note}）"
        half = abs(m.value) * tolerance / 100
        return Rule(m, 0, m.value, False, half, wording)

    if m.comparator == "=":
        sense = 1 if spec.direction == "increase" else -1
        verb = "达到" if sense > 0 else "降至"
        return Rule(m, sense, m.value, False, 0.0, f"{verb} {number(m.value)}{unit}")

    sense = _SENSE[m.comparator]
    wanted = "increase" if sense > 0 else "decrease"
    if spec.direction != wanted:
        raise CannotAssess(
            f"比较方式“{_COMPARATOR_LABEL[m.comparator]}”与指标方向"
            f"“{_DIRECTION_LABEL[spec.direction]}”不一致，无法评估"
        )
    if m.comparator == "reduce_by":
        base, name = _reference(m, spec, obs)
        aim = base * (1 - m.value / 100)
        wording = f"比{name}（{number(base)}）下降 {number(m.value)}%，即不高于 {number(aim)}{unit}"
        return Rule(m, -1, aim, False, 0.0, wording)
    if m.comparator == "no_increase":
        base, name = _reference(m, spec, obs)
        wording = f"不高于{name}的 {number(base)}{unit}（零增长）"
        return Rule(m, -1, base, False, 0.0, wording)
    label = {"<=": "不高于", ">": "高于"}.get(m.comparator, "不低于")
    return Rule(m, sense, m.value, m.comparator == ">", 0.0, f"{label} {number(m.value)}{unit}")
