"""The documented status method for targets and tasks (docs/indicator-status.md).

Pure Python, no Django: the indicators app feeds it plain values and stores what it returns.

    spec = TargetSpec("decrease", (Milestone(date(2020, 12, 31), "<=", 38),
                                   Milestone(date(2022, 12, 31), "<=", 35)),
                      start=date(2019, 3, 4), unit="微克/立方米")
    assess_target(spec, [Observation(date(2018, 12, 31), 40), ...], as_of=date.today())
    expected_path(spec, observations, [date(y, 12, 31) for y in range(2018, 2023)])
    assess_task(date(2019, 3, 4), date(2020, 12, 31), date.today(), TaskReport(...))
"""

from qingshan.indicators.progress_common import (
    AT_RISK_RATIO,
    ON_TRACK_RATIO,
    STATUSES,
    Assessment,
    Milestone,
    Observation,
    StatusInfo,
    TargetSpec,
    year_coordinate,
)
from qingshan.indicators.progress_rules import ABOUT_TOLERANCE_DEFAULT, CannotAssess
from qingshan.indicators.progress_targets import assess_milestones, assess_target, expected_path
from qingshan.indicators.progress_tasks import (
    TASK_SLACK_POINTS,
    TASK_STATUSES,
    TaskReport,
    assess_task,
    elapsed_share,
)
from qingshan.indicators.progress_yearly import assess_years

__all__ = [
    "ABOUT_TOLERANCE_DEFAULT",
    "AT_RISK_RATIO",
    "ON_TRACK_RATIO",
    "STATUSES",
    "TASK_SLACK_POINTS",
    "TASK_STATUSES",
    "Assessment",
    "CannotAssess",
    "Milestone",
    "Observation",
    "StatusInfo",
    "TargetSpec",
    "TaskReport",
    "assess_milestones",
    "assess_target",
    "assess_task",
    "assess_years",
    "elapsed_share",
    "expected_path",
    "year_coordinate",
]
