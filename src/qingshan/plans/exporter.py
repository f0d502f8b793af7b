"""Write a stored plan back out in the plan file format; loading the export changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import yaml

from .models import Org, Plan, Succession


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _drop_empty(d: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k in keep or v not in (None, "", [], {})}


def plan_document(plan: Plan) -> dict[str, Any]:
    region_units = Org.objects.filter(region=plan.region).order_by("id")
    successions: dict[int, list[dict[str, Any]]] = {}
    for s in Succession.objects.filter(predecessor__region=plan.region).select_related("successor"):
        successions.setdefault(s.predecessor_id, []).append(
            _drop_empty({"unit": s.successor.code, "date": _iso(s.date), "note": s.note})
        )
    units = [
        _drop_empty(
            {
                "code": o.code,
                "name": o.name,
                "full_name": o.full_name,
                "kind": o.kind,
                "aliases": list(o.aliases),
                "valid_from": _iso(o.valid_from),
                "valid_to": _iso(o.valid_to),
                "successors": successions.get(o.pk, []),
            }
        )
        for o in region_units
    ]
    groups = [
        _drop_empty(
            {
                "code": g.code,
                "phrase": g.phrase,
                "aliases": list(g.aliases),
                "head": g.head.code if g.head else None,
                "note": g.note,
                "members": [m.code for m in g.members.order_by("id")],
            }
        )
        for g in plan.unit_groups.select_related("head").order_by("id")
    ]
    sections = [
        {"code": s.code, "title": s.title, "text": s.text} for s in plan.sections.order_by("order")
    ]
    tasks = [
        {
            "number": t.number,
            "name": t.name,
            "section": t.section.code,
            "content": t.content,
            "responsible": t.responsible_text,
            "deadline": _iso(t.deadline),
        }
        for t in plan.tasks.select_related("section").order_by("number")
    ]
    indicators = [
        _drop_empty(
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "direction": i.direction,
                "measurement": i.measurement,
            }
        )
        for i in plan.indicators.order_by("id")
    ]
    targets = []
    for t in plan.targets.select_related(
        "indicator", "scope_org", "scope_group", "goal", "task", "section"
    ).order_by("order"):
        baseline = _drop_empty({"year": t.baseline_year, "value": _num(t.baseline_value)})
        targets.append(
            _drop_empty(
                {
                    "code": t.code,
                    "indicator": t.indicator.code,
                    "comparator": t.comparator,
                    "value": _num(t.value),
                    "unit": t.unit,
                    "tolerance": _num(t.tolerance),
                    "deadline": _iso(t.deadline),
                    "scope": t.scope_org.code
                    if t.scope_org
                    else (t.scope_group.code if t.scope_group else "city"),
                    "frequency": t.frequency,
                    "baseline": baseline,
                    "goal": t.goal.code if t.goal else None,
                    "task": t.task.number if t.task else None,
                    "section": t.section.code if t.section else None,
                    "source_text": t.source_text,
                    "also_in": list(t.also_in),
                    "value_note": t.value_note,
                }
            )
        )
    meta = _drop_empty(
        {
            "code": plan.code,
            "title": plan.title,
            "short_title": plan.short_title,
            "document_number": plan.document_number,
            "issuer": plan.issuer,
            "issued_on": _iso(plan.issued_on),
            "effective_on": _iso(plan.effective_on),
            "start_year": plan.start_year,
            "horizon_year": plan.horizon_year,
            "lead_unit": plan.lead_unit.code if plan.lead_unit else None,
            "region": plan.region,
            "preamble": plan.preamble,
            "closing": plan.closing,
        }
    )
    return {
        "format": "qingshan-plan/1",
        "plan": meta,
        "units": units,
        "unit_groups": groups,
        "sections": sections,
        "tasks": tasks,
        "indicators": indicators,
        "targets": targets,
        "unquantified_numbers": [
            {"text": u.text, "reason": u.reason}
            for u in plan.unquantified_numbers.order_by("order")
        ],
    }


def export_json(plan: Plan) -> str:
    """JSON adds resolved responsibilities per task (lead and co-operators) for consumers."""
    doc = plan_document(plan)
    by_number = {t["number"]: t for t in doc["tasks"]}
    for task in plan.tasks.prefetch_related("responsibilities__org"):
        duties = list(task.responsibilities.all())  # type: ignore[attr-defined]
        lead = next((r.org.name for r in duties if r.role == "lead"), None)
        by_number[task.number]["lead"] = lead
        by_number[task.number]["co_operators"] = [r.org.name for r in duties if r.role == "co"]
        by_number[task.number]["territorial"] = [
            r.org.name for r in duties if r.role == "territorial"
        ]
    return json.dumps(doc, ensure_ascii=False, indent=2)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def export_yaml(plan: Plan) -> str:
    return yaml.dump(
        plan_document(plan), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096
    )
