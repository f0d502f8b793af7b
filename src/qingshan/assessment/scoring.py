"""Score every unit from the frozen inputs of a run, item by item, with the reasons.

The method (docs/assessment.md): three weighted items — task completion, progress reporting
(timeliness and quality), indicator attainment within the unit's scope — then deductions for
missed deadlines.  An item a unit has nothing to be judged on is marked 不适用 and its weight
is shared among the unit's other items in proportion; a target without data is marked 无法评估
and left out of the mean, never counted as zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from qingshan.indicators import progress

from .schemes import ITEMS, ROLES, STATUSES, grade_for

JUDGED = set(STATUSES)  # statuses that carry a score; no_data and cannot_assess do not


@dataclass
class Item:
    key: str
    label: str
    weight: float
    score: float | None  # 0–100; None: not applicable
    explanation: str
    rows: list[dict] = field(default_factory=list)
    effective_weight: float = 0.0

    @property
    def points(self) -> float | None:
        return None if self.score is None else self.score * self.effective_weight / 100


@dataclass
class UnitScore:
    unit_id: int
    name: str
    group: str
    items: list[Item]
    deductions: list[dict]
    total: float | None
    note: str = ""
    rank: int | None = None
    grade: str = ""


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _latest_approved(reports: list[dict]) -> dict[tuple[int, int], dict]:
    latest: dict[tuple[int, int], dict] = {}
    for r in sorted(reports, key=lambda r: (r["period_end"], r["version"])):
        if r["state"] == "approved":
            latest[(r["unit"], r["task"])] = r
    return latest


def _task_item(unit: int, inputs: dict, rules: dict, latest: dict) -> Item:
    end, start = _date(inputs["end"]), _date(inputs["plan_start"])
    scores = rules["status_scores"]
    rows, total, weights = [], 0.0, 0.0
    for task_id, role in sorted(
        inputs["duties"].get(str(unit), {}).items(),
        key=lambda kv: inputs["tasks"][kv[0]]["number"],
    ):
        task = inputs["tasks"][task_id]
        report = latest.get((unit, int(task_id)))
        deadline = _date(task["deadline"])
        result = progress.assess_task(
            min(start, deadline),
            deadline,
            end,
            None
            if report is None
            else progress.TaskReport(
                status=report["status"],
                percent=report["percent"],
                period_end=_date(report["period_end"]),
            ),
        )
        weight = float(rules["task_roles"][role])
        score = float(scores[result.status]) if result.status in JUDGED else 0.0
        if result.status not in JUDGED:
            # No approved report on a task the unit carries is a real shortfall, not missing
            # data: it scores zero, and says so.
            result_reason = f"{result.reason}（未报送已审核的进展，按 0 分计）"
        else:
            result_reason = result.reason
        rows.append(
            {
                "task": f"{task['number']}. {task['name']}",
                "role": ROLES[role],
                "lead": role == "lead",
                "deadline": task["deadline"],
                "weight": weight,
                "status": result.status,
                "reported": None
                if report is None
                else f"{report['period']} {report['percent']}%（报告 #{report['id']} 第 {report['version']} 版）",
                "report_id": None if report is None else report["id"],
                "score": score,
                "reason": result_reason,
            }
        )
        if weight > 0:
            total += score * weight
            weights += weight
    if not weights:
        return Item("tasks", ITEMS["tasks"], 0, None, "本单位在考核期内没有承担任务，不适用", rows)
    mean = total / weights
    return Item(
        "tasks",
        ITEMS["tasks"],
        0,
        mean,
        f"{len(rows)} 项任务按职责系数加权平均（牵头 {rules['task_roles']['lead']}、"
        f"属地 {rules['task_roles']['territorial']}、配合 {rules['task_roles']['co']}）",
        rows,
    )


def _reporting_item(unit: int, inputs: dict, rules: dict) -> tuple[Item, dict]:
    cells = inputs["reporting"].get(str(unit), [])
    expected = sum(c["expected"] for c in cells)
    approved = sum(c["approved"] for c in cells)
    sent = approved + sum(c["submitted"] for c in cells)
    late = sum(c["late"] for c in cells)
    missing = sum(c["missing"] for c in cells)
    counts = {"expected": expected, "late": late, "missing": missing}
    if not expected:
        return Item("reporting", ITEMS["reporting"], 0, None, "考核期内无应报进展，不适用"), counts
    mine = [r for r in inputs["reports"] if r["unit"] == unit and r["state"] == "approved"]
    first_time = sum(1 for r in mine if not r["returned"])
    timeliness = 100 * max(0, sent - late) / expected
    quality = 100 * first_time / len(mine) if mine else 0.0
    parts = rules["reporting"]
    score = (timeliness * parts["timeliness"] + quality * parts["quality"]) / 100
    rows = [
        {
            "part": "报送及时性",
            "weight": parts["timeliness"],
            "score": round(timeliness, 2),
            "reason": f"应报 {expected} 项，按期报送 {max(0, sent - late)} 项，逾期 {late} 项，未报 {missing} 项",
        },
        {
            "part": "报送质量",
            "weight": parts["quality"],
            "score": round(quality, 2),
            "reason": (
                f"审核通过 {len(mine)} 项，其中一次通过 {first_time} 项"
                if mine
                else "没有审核通过的报告，按 0 分计"
            ),
        },
    ] + [
        {"part": c["period"], "weight": None, "score": None, "reason": _cell_text(c)} for c in cells
    ]
    return (
        Item(
            "reporting",
            ITEMS["reporting"],
            0,
            score,
            f"及时性 {timeliness:.1f} 分 × {parts['timeliness']}% + 质量 {quality:.1f} 分 × {parts['quality']}%",
            rows,
        ),
        counts,
    )


def _cell_text(c: dict) -> str:
    return f"{c['unit']}：应报 {c['expected']}，通过 {c['approved']}，在审 {c['submitted']}，逾期 {c['late']}，未报 {c['missing']}"


def _indicator_item(unit: int, inputs: dict, rules: dict) -> Item:
    duties = inputs["duties"].get(str(unit), {})
    led = {int(t) for t, role in duties.items() if role in ("lead", "territorial")}
    scores = rules["status_scores"]
    rows, judged = [], []
    for t in inputs["targets"].values():
        in_scope = t["scope_org_id"] == unit or (t["scope_org_id"] is None and t["task_id"] in led)
        if not in_scope:
            continue
        status = t["status"]
        score = float(scores[status]) if status in JUDGED else None
        rows.append(
            {
                "target": t["label"],
                "code": t["code"],
                "status": status,
                "value": t["value"],
                "period": t["period"],
                "value_id": t["value_id"],
                "score": score,
                "reason": t["reason"] if score is not None else f"无法评估：{t['reason']}",
            }
        )
        if score is not None:
            judged.append(score)
    if not judged:
        why = "范围内没有量化目标" if not rows else f"范围内 {len(rows)} 项目标均无法评估"
        return Item("indicators", ITEMS["indicators"], 0, None, f"{why}，不适用", rows)
    skipped = len(rows) - len(judged)
    note = f"，另 {skipped} 项无法评估未计入" if skipped else ""
    return Item(
        "indicators",
        ITEMS["indicators"],
        0,
        sum(judged) / len(judged),
        f"{len(judged)} 项目标按状态得分平均{note}",
        rows,
    )


def _deductions(inputs: dict, rules: dict, counts: dict, tasks: Item) -> list[dict]:
    d = rules["deductions"]
    out = []
    if counts["late"] and d["late_report"]:
        out.append(
            {"reason": f"逾期报送 {counts['late']} 项", "points": counts["late"] * d["late_report"]}
        )
    if counts["missing"] and d["missing_report"]:
        out.append(
            {
                "reason": f"未报送 {counts['missing']} 项",
                "points": counts["missing"] * d["missing_report"],
            }
        )
    start, end = _date(inputs["start"]), _date(inputs["end"])
    overdue = [
        row["task"]
        for row in tasks.rows
        if row["lead"] and start <= _date(row["deadline"]) <= end and row["status"] != "achieved"
    ]
    if overdue and d["overdue_task"]:
        out.append(
            {
                "reason": f"牵头任务逾期未完成 {len(overdue)} 项：{'；'.join(overdue)}",
                "points": len(overdue) * d["overdue_task"],
            }
        )
    total = sum(x["points"] for x in out)
    if total > d["cap"]:
        out.append({"reason": f"扣分以 {d['cap']:g} 分为限", "points": d["cap"] - total})
    return out


def score_unit(unit: int, inputs: dict, rules: dict, latest: dict | None = None) -> UnitScore:
    latest = latest if latest is not None else _latest_approved(inputs["reports"])
    info = inputs["units"][str(unit)]
    tasks = _task_item(unit, inputs, rules, latest)
    reporting, counts = _reporting_item(unit, inputs, rules)
    indicators = _indicator_item(unit, inputs, rules)
    items = [tasks, reporting, indicators]
    applicable = [i for i in items if i.score is not None]
    weight_sum = sum(float(rules["weights"][i.key]) for i in applicable)
    for item in items:
        item.weight = float(rules["weights"][item.key])
        if item.score is not None and weight_sum:
            item.effective_weight = item.weight * 100 / weight_sum
    deductions = _deductions(inputs, rules, counts, tasks)
    group = "district" if info["district"] else "municipal"
    if not applicable or not weight_sum:
        return UnitScore(
            unit, info["name"], group, items, deductions, None, "各项均不适用，无法评估"
        )
    gross = sum(i.points or 0 for i in items)
    total = max(0.0, gross - sum(x["points"] for x in deductions))
    note = ""
    if len(applicable) < len(items):
        note = "不适用项的权重已按比例分摊到其余各项"
    if info.get("predecessors"):
        note = (note + "；" if note else "") + f"含原{'、'.join(info['predecessors'])}的任务和报送"
    return UnitScore(unit, info["name"], group, items, deductions, round(total, 2), note)


def rank(scores: list[UnitScore], rules: dict) -> None:
    """Rank within each group; equal totals share a rank; unassessable units are not ranked."""
    groups: dict[str, list[UnitScore]] = defaultdict(list)
    for s in scores:
        groups[s.group].append(s)
    for members in groups.values():
        ordered = sorted(
            (s for s in members if s.total is not None),
            key=lambda s: -s.total,  # type: ignore[operator]
        )
        previous, position = None, 0
        for index, s in enumerate(ordered, start=1):
            if s.total != previous:
                position, previous = index, s.total
            s.rank = position
            s.grade = grade_for(s.total, rules)  # type: ignore[arg-type]


def score_all(inputs: dict[str, Any], rules: dict) -> list[UnitScore]:
    latest = _latest_approved(inputs["reports"])
    scores = [score_unit(int(u), inputs, rules, latest) for u in inputs["units"]]
    rank(scores, rules)
    return scores
