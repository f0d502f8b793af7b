"""Status of a target that applies every year (每年…): each year is judged on that year's value
(docs/indicator-status.md, "每年目标")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from qingshan.indicators.progress_common import (
    Assessment,
    Observation,
    TargetSpec,
    number,
    status_for_ratio,
    year_coordinate,
)
from qingshan.indicators.progress_rules import CannotAssess, Rule, resolve, usable


def _periods(spec: TargetSpec) -> list[tuple[int, int, date]]:
    """(year, index of the milestone in force that year, the year's last judged day)."""
    assert spec.start is not None
    out = []
    for year in range(spec.start.year, spec.milestones[-1].deadline.year + 1):
        i = next(i for i, m in enumerate(spec.milestones) if m.deadline.year >= year)
        out.append((year, i, min(date(year, 12, 31), spec.milestones[i].deadline)))
    return out


def _year_share(day: date, year: int, end: date) -> float:
    """Share of the year's judged period [1 January, end] elapsed at the end of `day`."""
    return (year_coordinate(day) - (year - 1)) / (year_coordinate(end) - (year - 1))


def _judge_year(
    spec: TargetSpec, year: int, rule: Rule, end: date, obs: Sequence[Observation], as_of: date
) -> Assessment:
    m = rule.milestone
    need = f"每年{rule.wording}"
    found = [o for o in obs if o.date.year == year and o.date <= end]
    seen = found[-1] if found else None
    complete = end < as_of
    if seen is None:
        reason = f"{year}年没有数据" if complete else f"{year}年尚无数据"
        return Assessment("no_data", f"{reason}；要求{need}", milestone=m)
    y = number(seen.value)
    if complete:
        if rule.met(seen.value):
            reason = f"{year}年实际 {y}，达到{need}的要求"
            return Assessment("achieved", reason, seen, rule.aim, m)
        reason = f"{year}年实际 {y}，未达到{need}的要求"
        return Assessment("off_track", reason, seen, rule.aim, m)
    if rule.met(seen.value):
        reason = f"{year}年迄今 {y}，已达到全年要求（{rule.wording}）"
        return Assessment("achieved", reason, seen, rule.aim, m)
    if spec.accumulates_within_year and rule.sense > 0 and rule.aim > 0:
        share = _year_share(seen.date, year, end)
        expected = rule.aim * share
        ratio = seen.value / expected
        # Per-year rates, so the fields mean what they mean for once-only targets.
        required = rule.aim / (year_coordinate(end) - (year - 1))
        actual = seen.value / (year_coordinate(seen.date) - (year - 1))
        reason = (
            f"{year}年迄今 {y}，按时间进度应达 {number(expected)}（比值 {ratio:.2f}）；要求{need}"
        )
        return Assessment(
            status_for_ratio(ratio), reason, seen, expected, m, required, actual, ratio, "linear"
        )
    if spec.accumulates_within_year and rule.sense < 0:
        # A count that only grows cannot come back under a yearly ceiling it has passed.
        reason = f"{year}年迄今 {y}，已超过全年上限（{rule.wording}）"
        return Assessment("off_track", reason, seen, rule.aim, m)
    reason = f"{year}年迄今 {y}，尚未达到要求（{need}），本年度尚未结束"
    return Assessment("at_risk", reason, seen, rule.aim, m)


def assess_years(
    spec: TargetSpec, observations: Sequence[Observation], as_of: date
) -> tuple[tuple[int, Assessment], ...]:
    """Each year that has begun by `as_of`, with its verdict."""
    if spec.frequency != "yearly":
        raise ValueError("只有每年目标才逐年评估")
    if spec.start is None:
        raise CannotAssess("每年目标需要方案起始日期，才能确定从哪一年开始考核")
    obs = usable(observations, as_of)
    rules = resolve(spec, obs)
    return tuple(
        (year, _judge_year(spec, year, rules[i], end, obs, as_of))
        for year, i, end in _periods(spec)
        if date(year, 1, 1) <= as_of
    )


def assess_yearly(spec: TargetSpec, observations: Sequence[Observation], as_of: date) -> Assessment:
    try:
        years = assess_years(spec, observations, as_of)
    except CannotAssess as problem:
        return Assessment("cannot_assess", problem.reason, milestone=spec.milestones[0])
    if not years:
        assert spec.start is not None
        reason = f"每年目标自{spec.start.year}年起考核，尚未开始"
        return Assessment("no_data", reason, milestone=spec.milestones[0])
    ends = {year: end for year, _, end in _periods(spec)}
    complete = [(year, a) for year, a in years if ends[year] < as_of]
    current = [a for year, a in years if ends[year] >= as_of]
    missed = [(year, a) for year, a in complete if a.status == "off_track"]
    if missed:
        worst = missed[-1][1]
        if len(missed) == 1:
            return worst
        listed = "、".join(str(year) for year, _ in missed)
        return replace(worst, reason=f"{worst.reason}（{listed}年共 {len(missed)} 个年度未达标）")
    gaps = [a for _, a in complete if a.status == "no_data"]
    if gaps:
        return gaps[-1]
    if current and current[0].status != "no_data":
        return current[0]
    if complete:
        first, last = complete[0][0], complete[-1][0]
        span = f"{first}年" if first == last else f"{first}—{last}年均"
        done = complete[-1][1]
        if not current:
            return replace(done, reason=f"{span}达到要求（{done.reason}）")
        return Assessment(
            "on_track",
            f"{span}达到要求，{current[0].reason}",
            done.latest,
            done.expected,
            current[0].milestone,
        )
    return current[0]


def expected_yearly(
    spec: TargetSpec, observations: Sequence[Observation], dates: Sequence[date]
) -> list[float | None]:
    """Each year's requirement: flat, or rising through the year for counts that accumulate."""
    if spec.start is None:
        return [None for _ in dates]
    try:
        rules = resolve(spec, usable(observations, None))
    except CannotAssess:
        return [None for _ in dates]
    by_year = {year: (rules[i], end) for year, i, end in _periods(spec)}
    out: list[float | None] = []
    for d in dates:
        if d.year not in by_year or d > by_year[d.year][1]:
            out.append(None)
            continue
        rule, end = by_year[d.year]
        if spec.accumulates_within_year and rule.sense > 0:
            out.append(rule.aim * _year_share(d, d.year, end))
        else:
            out.append(rule.aim)
    return out
