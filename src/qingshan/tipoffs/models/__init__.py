"""Violation reports (有奖举报): the case, what only the office may read about who sent it,
its files, the unit's investigation, rewards, the holiday calendar and the abuse counters."""

from .calendar import Holiday
from .cases import Addition, Attachment, Category, Finding, Investigation, Tipoff
from .identity import Identity, RewardClaim
from .limits import RateEvent
from .rewards import Reward, RewardRule, Severity

__all__ = [
    "Addition",
    "Attachment",
    "Category",
    "Finding",
    "Holiday",
    "Identity",
    "Investigation",
    "RateEvent",
    "Reward",
    "RewardClaim",
    "RewardRule",
    "Severity",
    "Tipoff",
]
