"""Status of a qualitative task from its latest approved report and its deadline
(docs/indicator-status.md, "定性任务")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from qingshan.indicators.progress_common import (
    Assessment,
    Observation,
    number,
    status_for_ratio,
)
from qingshan.indicators.progress_rules import day_text

TASK_STATUSES = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "done": "已完成",
    "delayed": "滞后",
    "blocked": "受阻",
}
# Units report percentages rounded to 5 or 10; a shortfall this small is not a warning.
TASK_SLACK_POINTS = 5.0


@dataclass(frozen=True)
class TaskReport:
    status: str  # one of TASK_STATUSES
    percent: float  # 0–100
    period_end: date

    def __post_init__(self) -> None:
        if self.status not in TASK_STATUSES:
            raise ValueError(f"未知的任务进展状态：{self.status!r}")
        if not (math.isfinite(self.percent) and 0 <= self.percent <= 100):
            raise ValueError(f"完成比例须在 0 到 100 之间：{self.percent}")


def elapsed_share(start: date, deadline: date, day: date) -> float:
    """Share of the task's time used by `day`, in whole days, between 0 and 1."""
    if deadline == start:
        return 1.0 if day >= start else 0.0
    return min(1.0, max(0.0, (day - start).days / (deadline - start).days))


def assess_task(start: date, deadline: date, as_of: date, latest: TaskReport | None) -> Assessment:
    if start > deadline:
        raise ValueError(f"任务开始日期 {start} 晚于完成时限 {deadline}")
    overdue = as_of > deadline
    if latest is None:
        reason = "尚无审核通过的进展报告"
        if overdue:
            reason += f"，且已过完成时限（{day_text(deadline)}）"
        return Assessment("no_data", reason)

    said = f"{day_text(latest.period_end)}报告“{TASK_STATUSES[latest.status]}”"
    seen = Observation(latest.period_end, latest.percent)
    if latest.status == "done":
        return Assessment("achieved", f"{said}，任务已完成", seen)
    if overdue:
        reason = (
            f"已过完成时限（{day_text(deadline)}）仍未完成：{said}，完成 {number(latest.percent)}%"
        )
        return Assessment("off_track", reason, seen)
    if latest.status == "blocked":
        return Assessment("off_track", f"{said}，任务受阻", seen)
    if latest.status == "delayed":
        return Assessment("at_risk", f"{said}，单位自报滞后", seen)

    share = elapsed_share(start, deadline, latest.period_end)
    expected = 100 * share
    if share == 0:
        return Assessment("on_track", f"{said}，报告期末任务尚未到开始时间", seen, 0.0)
    ratio = latest.percent / expected
    status = status_for_ratio(ratio)
    if expected - latest.percent <= TASK_SLACK_POINTS:
        status = "on_track"
    head = {"on_track": "进度正常", "at_risk": "进度偏慢", "off_track": "进度严重滞后"}[status]
    reason = (
        f"{head}：{said}，完成 {number(latest.percent)}%，"
        f"按时间进度应完成 {number(expected)}%（比值 {ratio:.2f}）"
    )
    return Assessment(status, reason, seen, expected, ratio=ratio, method="linear")
