"""Scoring schemes: the rules, their checks, and new versions of them."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from qingshan.audit.services import record_event
from qingshan.plans.models import Plan

from .models import AssessmentScheme

ITEMS = {
    "tasks": "任务完成",
    "reporting": "进展报送",
    "indicators": "指标达成",
}
REPORTING_PARTS = {"timeliness": "报送及时性", "quality": "报送质量"}
STATUSES = {
    "achieved": "已达标/已完成",
    "on_track": "进度正常",
    "at_risk": "存在风险",
    "off_track": "严重滞后",
}
ROLES = {"lead": "牵头", "territorial": "属地负责", "co": "配合"}
DEDUCTIONS = {
    "late_report": "逾期报送（每项）",
    "missing_report": "未报送（每项）",
    "overdue_task": "牵头任务逾期未完成（每项）",
    "cap": "扣分上限",
}

DEFAULT_RULES: dict[str, Any] = {
    "weights": {"tasks": 40, "reporting": 20, "indicators": 40},
    "reporting": {"timeliness": 60, "quality": 40},
    "task_roles": {"lead": 1.0, "territorial": 1.0, "co": 0.5},
    "status_scores": {"achieved": 100, "on_track": 90, "at_risk": 60, "off_track": 20},
    "deductions": {"late_report": 0.5, "missing_report": 1, "overdue_task": 2, "cap": 10},
    "grades": [[90, "优秀"], [80, "良好"], [60, "合格"], [0, "不合格"]],
}


class SchemeError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def _number(value: Any, where: str, problems: list[str], *, low=0, high=None) -> float | None:
    try:
        number = float(Decimal(str(value)))
    except Exception:
        problems.append(f"{where}：“{value}”不是数值")
        return None
    if number < low or (high is not None and number > high):
        bound = f"{low}–{high}" if high is not None else f"不小于 {low}"
        problems.append(f"{where}：{value} 超出范围（{bound}）")
        return None
    return number


def _weights(table: Any, names: dict[str, str], where: str, problems: list[str]) -> None:
    if not isinstance(table, dict) or set(table) != set(names):
        problems.append(f"{where}应包含且只包含：{'、'.join(names.values())}")
        return
    numbers = [_number(table[k], f"{where}·{names[k]}", problems, high=100) for k in names]
    if all(n is not None for n in numbers):
        total = sum(numbers)  # type: ignore[arg-type]
        if abs(total - 100) > 1e-9:
            problems.append(f"{where}合计为 {total:g}，应为 100")


def check_rules(rules: Any) -> dict[str, Any]:
    """Every problem of the rules at once; the rules as stored when there is none."""
    problems: list[str] = []
    if not isinstance(rules, dict):
        raise SchemeError(["评分规则应为一组设置"])
    _weights(rules.get("weights"), ITEMS, "一级权重", problems)
    _weights(rules.get("reporting"), REPORTING_PARTS, "进展报送内部权重", problems)
    roles = rules.get("task_roles")
    if not isinstance(roles, dict) or set(roles) != set(ROLES):
        problems.append("任务职责系数应包含牵头、属地负责、配合")
    else:
        for key, label in ROLES.items():
            _number(roles[key], f"{label}系数", problems, high=1)
    scores = rules.get("status_scores")
    if not isinstance(scores, dict) or set(scores) != set(STATUSES):
        problems.append(f"状态得分应包含：{'、'.join(STATUSES.values())}")
    else:
        for key, label in STATUSES.items():
            _number(scores[key], f"“{label}”得分", problems, high=100)
    deductions = rules.get("deductions")
    if not isinstance(deductions, dict) or set(deductions) != set(DEDUCTIONS):
        problems.append(f"扣分项应包含：{'、'.join(DEDUCTIONS.values())}")
    else:
        for key, label in DEDUCTIONS.items():
            _number(deductions[key], label, problems, high=100)
    grades = rules.get("grades")
    if not isinstance(grades, list) or not grades:
        problems.append("等次划分不能为空")
    else:
        floors = [_number(g[0], f"等次“{g[1]}”下限", problems, high=100) for g in grades]
        if floors != sorted(floors, reverse=True):  # type: ignore[type-var]
            problems.append("等次下限应从高到低排列")
        if floors and floors[-1] != 0:
            problems.append("最低等次的下限应为 0，使每个得分都有等次")
    if problems:
        raise SchemeError(problems)
    return copy.deepcopy(rules)


@transaction.atomic
def create_scheme(plan: Plan, rules: dict, *, name: str, note: str = "", user=None):
    """A new version of the plan's scheme (the first is version 1)."""
    checked = check_rules(rules)
    latest = plan.schemes.aggregate(v=Max("version"))["v"] or 0  # type: ignore[attr-defined]
    scheme = AssessmentScheme.objects.create(
        plan=plan,
        version=latest + 1,
        name=name.strip() or "考核评分办法",
        rules=checked,
        note=note.strip(),
        created_by=user,
    )
    record_event(
        "assessment.scheme_created",
        "AssessmentScheme",
        scheme.pk,
        actor=user,
        summary=f"{scheme}",
        after=checked,
    )
    return scheme


def current_scheme(plan: Plan) -> AssessmentScheme | None:
    return plan.schemes.order_by("-version").first()  # type: ignore[attr-defined]


def ensure_default_scheme(plan: Plan, user=None) -> AssessmentScheme:
    return current_scheme(plan) or create_scheme(
        plan, DEFAULT_RULES, name="考核评分办法", note="初始版本", user=user
    )


def grade_for(total: float, rules: dict) -> str:
    for floor, label in rules["grades"]:
        if total >= float(floor):
            return str(label)
    return ""
