"""Status of a quantitative target: Open SDG's ratio of observed to required growth, extended
to several milestones, comparators and baselines (docs/indicator-status.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from qingshan.indicators import progress_yearly
from qingshan.indicators.progress_common import (
    AT_RISK_RATIO,
    ON_TRACK_RATIO,
    Assessment,
    Observation,
    TargetSpec,
    number,
    rate_text,
    status_for_ratio,
    year_coordinate,
)
from qingshan.indicators.progress_rules import (
    CannotAssess,
    Rule,
    day_text,
    resolve,
    usable,
    value_in_year,
)


@dataclass(frozen=True)
class GlidePath:
    """The anchor, then (τ, aim) of every milestone due after it."""

    anchor: Observation
    points: tuple[tuple[float, float], ...]
    rules: tuple[Rule, ...]  # the milestone each point after the anchor belongs to

    def value_at(self, tau: float) -> float | None:
        if tau < self.points[0][0] or len(self.points) < 2:
            return None
        if tau == self.points[0][0]:
            return self.points[0][1]
        if tau >= self.points[-1][0]:
            return self.points[-1][1]  # a target once reached is to be kept
        k = self.segment(tau)
        assert k is not None
        (t0, v0), (t1, v1) = self.points[k - 1], self.points[k]
        share = (tau - t0) / (t1 - t0)
        if v0 > 0 and v1 > 0:
            return v0 * (v1 / v0) ** share
        return v0 + (v1 - v0) * share

    def segment(self, tau: float) -> int | None:
        """k with τ_(k−1) < τ ≤ τ_k, or None outside the path."""
        for k in range(1, len(self.points)):
            if self.points[k - 1][0] < tau <= self.points[k][0]:
                return k
        return None


@dataclass(frozen=True)
class Progress:
    method: str
    required: float
    actual: float
    ratio: float | None  # None when the required rate is zero
    start: float  # the path's value where the segment starts
    sense: int


def find_anchor(spec: TargetSpec, obs: Sequence[Observation]) -> tuple[Observation | None, str]:
    """Where the glide path starts, and a note when the plan's baseline year had no value."""
    if spec.baseline_value is not None:
        if spec.baseline_year is not None:
            return Observation(date(spec.baseline_year, 12, 31), spec.baseline_value), ""
        if spec.start is not None:
            return Observation(date(spec.start.year - 1, 12, 31), spec.baseline_value), ""
        raise CannotAssess("基准值未注明年份，也不知道方案起始日期，无法确定起点")
    missing = ""
    if spec.baseline_year is not None:
        found = value_in_year(obs, spec.baseline_year)
        if found is not None:
            return found, ""
        missing = f"没有{spec.baseline_year}年基准值"
    if not obs:
        return None, missing
    before = [o for o in obs if spec.start is not None and o.date <= spec.start]
    anchor = before[-1] if before else obs[0]
    note = f"{missing}，以{day_text(anchor.date)}的数据为起点" if missing else ""
    return anchor, note


def build_path(anchor: Observation, rules: Sequence[Rule]) -> GlidePath:
    t0 = year_coordinate(anchor.date)
    points = [(t0, anchor.value)]
    legs = []
    for rule in rules:
        tau = year_coordinate(rule.milestone.deadline)
        if tau > t0:
            points.append((tau, rule.aim))
            legs.append(rule)
    return GlidePath(anchor, tuple(points), tuple(legs))


def measure(path: GlidePath, latest: Observation) -> Progress | None:
    """Observed against required rate on the path segment holding `latest`."""
    tau = year_coordinate(latest.date)
    k = path.segment(tau)
    if k is None:
        return None
    (t0, start), (t1, aim) = path.points[k - 1], path.points[k]
    sense = path.rules[k - 1].sense or (1 if aim > start else -1 if aim < start else 0)
    if start > 0 and aim > 0 and latest.value > 0:
        method = "geometric"
        required = (aim / start) ** (1 / (t1 - t0)) - 1
        actual = (latest.value / start) ** (1 / (tau - t0)) - 1
    else:
        method = "linear"
        required = (aim - start) / (t1 - t0)
        actual = (latest.value - start) / (tau - t0)
    ratio = sense * actual / abs(required) if required != 0 else None
    return Progress(method, required, actual, ratio, start, sense)


def _verdict(
    status: str,
    reason: str,
    rule: Rule,
    path: GlidePath | None,
    seen: Observation | None,
    progress: Progress | None,
) -> Assessment:
    expected = path.value_at(year_coordinate(seen.date)) if path and seen else None
    return Assessment(
        status,
        reason,
        latest=seen,
        expected=expected,
        milestone=rule.milestone,
        required_rate=progress.required if progress else None,
        actual_rate=progress.actual if progress else None,
        ratio=progress.ratio if progress else None,
        method=progress.method if progress else None,
        anchor=path.anchor if path else None,
    )


def _judge(
    rule: Rule,
    obs: Sequence[Observation],
    path: GlidePath | None,
    note: str,
    as_of: date,
    unit: str,
) -> Assessment:
    m = rule.milestone
    goal = f"{day_text(m.deadline)}前{rule.wording}"
    if as_of > m.deadline:
        due = [o for o in obs if o.date.year == m.deadline.year and o.date <= m.deadline]
        if not due:
            reason = f"没有{m.deadline.year}年的数据，无法判断{day_text(m.deadline)}到期的目标"
            return _verdict("no_data", reason, rule, path, None, None)
        seen = due[-1]
        progress = measure(path, seen) if path else None
        if rule.met(seen.value):
            reason = f"到期已达标：实际 {number(seen.value)}，要求{goal}"
            return _verdict("achieved", reason, rule, path, seen, progress)
        reason = f"到期未达标：实际 {number(seen.value)}，要求{goal}"
        return _verdict("off_track", reason, rule, path, seen, progress)

    if not obs or path is None:
        return _verdict("no_data", f"尚无数据；目标：{goal}", rule, path, None, None)
    latest = obs[-1]
    progress = measure(path, latest)
    where = f"最新值 {number(latest.value)}（{day_text(latest.date)}）"
    if rule.met(latest.value):
        return _verdict("achieved", f"{where}已达到目标：{goal}", rule, path, latest, progress)
    if progress is None:
        # Nothing after the start yet: the remedy is data, so this is "no data", not a fault.
        reason = f"起点（{day_text(path.anchor.date)}）之后尚无数据，无法计算变化速度；目标：{goal}"
        return _verdict("no_data", reason, rule, path, latest, None)
    if rule.sense == 0 and (latest.value - rule.aim) * (progress.start - rule.aim) < 0:
        reason = f"{where}已越过目标区间：{goal}"
        return _verdict("at_risk", reason, rule, path, latest, progress)
    if progress.ratio is None:
        reason = f"起点已在目标值上，{where}却偏离了目标：{goal}"
        return _verdict("off_track", reason, rule, path, latest, progress)
    status = status_for_ratio(progress.ratio)
    rates = (
        f"年均变化 {rate_text(progress.actual, progress.method, unit)}，"
        f"所需 {rate_text(progress.required, progress.method, unit)}"
        f"（比值 {progress.ratio:.2f}）"
    )
    if status == "on_track":
        head = "按目前速度可如期达标"
    elif status == "at_risk":
        head = f"进度偏慢，比值低于 {ON_TRACK_RATIO}"
    elif progress.ratio < 0:
        head = "与目标方向相反"
    else:
        head = f"进度严重不足，比值低于 {AT_RISK_RATIO}"
    reason = f"{head}：{where}，{rates}；目标：{goal}"
    if progress.method == "linear":
        reason += "（数值含零或负数，按线性变化计算）"
    if note:
        reason += f"（{note}）"
    return _verdict(status, reason, rule, path, latest, progress)


def assess_milestones(
    spec: TargetSpec, observations: Sequence[Observation], as_of: date
) -> tuple[Assessment, ...]:
    """One assessment per milestone of a once-only target, in the spec's order."""
    if spec.frequency != "once":
        raise ValueError("每年目标请用 assess_years 逐年评估")
    obs = usable(observations, as_of)
    try:
        rules = resolve(spec, obs)
        anchor, note = find_anchor(spec, obs)
    except CannotAssess as problem:
        return tuple(
            Assessment("cannot_assess", problem.reason, milestone=m) for m in spec.milestones
        )
    path = build_path(anchor, rules) if anchor is not None else None
    return tuple(_judge(rule, obs, path, note, as_of, spec.unit) for rule in rules)


def assess_target(spec: TargetSpec, observations: Sequence[Observation], as_of: date) -> Assessment:
    """The target's status on `as_of`: judged against the next milestone not yet due, or the
    last milestone once all are due; yearly targets year by year."""
    if spec.frequency == "yearly":
        return progress_yearly.assess_yearly(spec, observations, as_of)
    verdicts = assess_milestones(spec, observations, as_of)
    for m, verdict in zip(spec.milestones, verdicts, strict=True):
        if m.deadline >= as_of:
            return verdict
    return verdicts[-1]


def expected_path(
    spec: TargetSpec, observations: Sequence[Observation], dates: Sequence[date]
) -> list[float | None]:
    """The glide path's value at each date (None before its start or when it can't be drawn)."""
    if spec.frequency == "yearly":
        return progress_yearly.expected_yearly(spec, observations, dates)
    obs = usable(observations, None)
    try:
        rules = resolve(spec, obs)
        anchor, _ = find_anchor(spec, obs)
    except CannotAssess:
        return [None for _ in dates]
    if anchor is None:
        return [None for _ in dates]
    path = build_path(anchor, rules)
    return [path.value_at(year_coordinate(d)) for d in dates]
