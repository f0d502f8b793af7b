"""Rows for the task tables, built once in Python instead of many template loops per task."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse

from .models import Plan, Task


@dataclass
class Chip:
    label: str
    url: str | None
    lead: bool = False


@dataclass
class TaskRow:
    task: Task
    url: str
    chips: list[Chip] = field(default_factory=list)
    territorial: str = ""


def task_rows(plan: Plan, tasks: Iterable[Task]) -> list[TaskRow]:
    """Lead first, then co-operators; a unit named through a group phrase (市直各单位,
    委员会及成员单位) shows once as that phrase; districts are summed up in the plan's words."""
    unit_base = reverse("plans:unit", args=[plan.code, "x"])[:-2]
    task_base = reverse("plans:task", args=[plan.code, 1])[:-2]
    rows = []
    for task in tasks:
        row = TaskRow(task=task, url=f"{task_base}{task.number}/")
        phrases: list[str] = []
        territorial: list[str] = []
        for duty in task.responsibilities.all():  # type: ignore[attr-defined]
            if duty.role == "territorial":
                label = duty.via_group or duty.org.name
                if label not in territorial:
                    territorial.append(label)
            elif duty.via_group and duty.role == "co":
                if duty.via_group not in phrases:
                    phrases.append(duty.via_group)
                    row.chips.append(Chip(duty.via_group, None))
            else:
                url = f"{unit_base}{duty.org.code}/"
                row.chips.append(Chip(duty.org.name, url, lead=duty.role == "lead"))
        row.chips.sort(key=lambda chip: not chip.lead)
        row.territorial = "、".join(territorial)
        rows.append(row)
    return rows
