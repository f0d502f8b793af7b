"""Load a checked plan document into the database, in place and all-or-nothing.

Every record has a natural key (unit code, task number, target code …).  Loading compares what
the file says with what is stored, writes only the differences and returns them, so loading the
same file twice changes nothing and an edited file updates in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from qingshan.audit.services import record_event

from .models import (
    Indicator,
    Org,
    Plan,
    Responsibility,
    Section,
    Succession,
    Target,
    Task,
    UnitGroup,
    UnquantifiedNumber,
)
from .planfile import CITY, Duty, PlanDocument, parse_date


@dataclass
class LoadResult:
    plan: Plan
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        if a is None or b is None:
            return a is b
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


def _show(value: Any) -> str:
    if isinstance(value, models.Model):
        return str(value.pk)
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


M = TypeVar("M", bound=models.Model)


def _sync(
    label: str,
    existing: Iterable[M],
    key_of: Callable[[M], Any],
    wanted: dict[Any, dict[str, Any]],
    create: Callable[[Any, dict[str, Any]], M],
    changes: list[str],
    delete_missing: bool = True,
) -> dict[Any, M]:
    """Bring the stored rows of one kind in line with `wanted`; return the rows by key."""
    stored = {key_of(obj): obj for obj in existing}
    result: dict[Any, M] = {}
    for key, fields in wanted.items():
        obj = stored.get(key)
        if obj is None:
            result[key] = create(key, dict(fields))
            changes.append(f"+ {label} {key}")
            continue
        diffs = []
        for name, value in fields.items():
            current = getattr(obj, name)
            if not _same(current, value):
                diffs.append(f"{name}: {_show(current)} → {_show(value)}")
                setattr(obj, name, value)
        if diffs:
            obj.save()
            changes.append(f"~ {label} {key}: " + "; ".join(diffs))
        result[key] = obj
    if delete_missing:
        for key, obj in stored.items():
            if key not in wanted:
                obj.delete()
                changes.append(f"- {label} {key}")
    return result


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: Any):
    return None if value is None else parse_date(value)


@transaction.atomic
def load_plan(doc: PlanDocument, *, actor: Any = None, actor_label: str = "") -> LoadResult:
    d = doc.data
    meta = d["plan"]
    region = meta["region"]
    changes: list[str] = []

    orgs = _sync(
        "unit",
        Org.objects.filter(region=region),
        lambda o: o.code,
        {
            u["code"]: {
                "name": u["name"],
                "full_name": u.get("full_name", ""),
                "kind": u["kind"],
                "aliases": list(u.get("aliases") or []),
                "valid_from": _date(u.get("valid_from")),
                "valid_to": _date(u.get("valid_to")),
            }
            for u in d["units"]
        },
        lambda k, f: Org.objects.create(region=region, code=k, **f),
        changes,
        delete_missing=False,  # units outlive a plan: other plans and reports may point at them
    )
    _sync_successions(d["units"], orgs, region, changes)

    plan_fields = {
        "title": meta["title"],
        "short_title": meta.get("short_title", ""),
        "document_number": meta.get("document_number", ""),
        "issuer": meta.get("issuer", ""),
        "issued_on": _date(meta.get("issued_on")),
        "effective_on": _date(meta.get("effective_on")),
        "start_year": meta["start_year"],
        "horizon_year": meta["horizon_year"],
        "region": region,
        "lead_unit": orgs[meta["lead_unit"]],
        "preamble": meta.get("preamble", ""),
        "closing": meta.get("closing", ""),
    }
    plan = _sync(
        "plan",
        Plan.objects.filter(code=meta["code"]),
        lambda p: p.code,
        {meta["code"]: plan_fields},
        lambda k, f: Plan.objects.create(code=k, **f),
        changes,
    )[meta["code"]]
    assert isinstance(plan, Plan)

    wanted_sections = {}
    for order, s in enumerate(d["sections"]):
        wanted_sections[s["code"]] = {
            "title": s["title"],
            "text": s.get("text", ""),
            "order": order,
        }
    sections = _sync(
        "section",
        plan.sections.all(),
        lambda s: s.code,
        wanted_sections,
        lambda k, f: Section.objects.create(plan=plan, code=k, **f),
        changes,
        delete_missing=False,
    )
    # Parents need every section to exist first.
    for code, section in sections.items():
        parent = sections.get(code.rsplit(".", 1)[0]) if "." in code else None
        if section.parent_id != (parent.pk if parent else None):
            section.parent = parent
            section.save(update_fields=["parent"])

    groups = _sync(
        "group",
        plan.unit_groups.all(),
        lambda g: g.code,
        {
            g["code"]: {
                "phrase": g["phrase"],
                "aliases": list(g.get("aliases") or []),
                "head": orgs[g["head"]] if g.get("head") else None,
                "note": g.get("note", ""),
            }
            for g in d.get("unit_groups") or []
        },
        lambda k, f: UnitGroup.objects.create(plan=plan, code=k, **f),
        changes,
        delete_missing=False,
    )
    for g in d.get("unit_groups") or []:
        group = groups[g["code"]]
        want = {orgs[m].pk for m in g["members"]}
        have = set(group.members.values_list("pk", flat=True))  # type: ignore[attr-defined]
        if want != have:
            group.members.set(want)  # type: ignore[attr-defined]
            changes.append(f"~ group {g['code']}: members {len(have)} → {len(want)}")

    tasks = _sync(
        "task",
        plan.tasks.all(),
        lambda t: t.number,
        {
            t["number"]: {
                "name": t["name"],
                "section": sections[t["section"]],
                "content": t["content"],
                "responsible_text": t["responsible"],
                "deadline": parse_date(t["deadline"]),
            }
            for t in d["tasks"]
        },
        lambda k, f: Task.objects.create(plan=plan, number=k, **f),
        changes,
        delete_missing=False,
    )
    for number, duties in doc.duties.items():
        _sync_duties(tasks[number], duties, orgs, changes)

    indicators = _sync(
        "indicator",
        plan.indicators.all(),
        lambda i: i.code,
        {
            i["code"]: {
                "name": i["name"],
                "unit": i.get("unit", ""),
                "direction": i["direction"],
                "measurement": i["measurement"],
            }
            for i in d.get("indicators") or []
        },
        lambda k, f: Indicator.objects.create(plan=plan, code=k, **f),
        changes,
        delete_missing=False,
    )
    wanted_targets = {}
    for order, t in enumerate(d.get("targets") or []):
        scope = t["scope"]
        baseline = t.get("baseline") or {}
        wanted_targets[t["code"]] = {
            "indicator": indicators[t["indicator"]],
            "comparator": t["comparator"],
            "value": _decimal(t["value"]),
            "unit": t.get("unit", ""),
            "tolerance": _decimal(t.get("tolerance")),
            "deadline": parse_date(t["deadline"]),
            "frequency": t.get("frequency", "once"),
            "scope_org": orgs.get(scope) if scope != CITY else None,
            "scope_group": groups.get(scope) if scope != CITY else None,
            "baseline_year": baseline.get("year"),
            "baseline_value": _decimal(baseline.get("value")),
            "goal": sections[t["goal"]] if "goal" in t else None,
            "task": tasks[t["task"]] if "task" in t else None,
            "section": sections[t["section"]] if "section" in t else None,
            "source_text": t["source_text"],
            "also_in": list(t.get("also_in") or []),
            "value_note": t.get("value_note", ""),
            "order": order,
        }
    _sync(
        "target",
        plan.targets.all(),
        lambda t: t.code,
        wanted_targets,
        lambda k, f: Target.objects.create(plan=plan, code=k, **f),
        changes,
    )
    _sync(
        "unquantified",
        plan.unquantified_numbers.all(),
        lambda u: u.order,
        {
            order: {"text": u["text"], "reason": u["reason"]}
            for order, u in enumerate(d.get("unquantified_numbers") or [])
        },
        lambda k, f: UnquantifiedNumber.objects.create(plan=plan, order=k, **f),
        changes,
    )
    # Now that targets no longer point at them, drop what the file no longer has.
    _drop_missing(plan, d, changes)

    if changes:
        plan.loaded_at = timezone.now()
        plan.save(update_fields=["loaded_at"])
        record_event(
            "plan.load",
            "plan",
            plan.code,
            actor=actor,
            actor_label=actor_label,
            summary=f"导入方案文件 {doc.source}：{len(changes)} 处变更",
            after={"changes": changes[:500]},
        )
    return LoadResult(plan=plan, changes=changes)


def _sync_duties(task: Task, duties: list[Duty], orgs: dict[str, Org], changes: list[str]) -> None:
    def create(code: str, fields: dict[str, Any]) -> Responsibility:
        return Responsibility.objects.create(task=task, org=orgs[code], **fields)

    _sync(
        f"responsibility {task.number}",
        Responsibility.objects.filter(task=task).select_related("org"),
        lambda r: r.org.code,
        {
            duty.unit: {"role": duty.role, "via_group": duty.via, "order": order}
            for order, duty in enumerate(duties)
        },
        create,
        changes,
    )


def _sync_successions(units: list[dict], orgs: dict, region: str, changes: list[str]) -> None:
    wanted = {
        (u["code"], s["unit"]): (parse_date(s["date"]), s.get("note", ""))
        for u in units
        for s in u.get("successors") or []
    }
    stored = {
        (s.predecessor.code, s.successor.code): s
        for s in Succession.objects.filter(predecessor__region=region).select_related(
            "predecessor", "successor"
        )
    }
    for key, (date, note) in wanted.items():
        obj = stored.get(key)
        if obj is None:
            Succession.objects.create(
                predecessor=orgs[key[0]], successor=orgs[key[1]], date=date, note=note
            )
            changes.append(f"+ succession {key[0]}→{key[1]}")
        elif (obj.date, obj.note) != (date, note):
            obj.date, obj.note = date, note
            obj.save()
            changes.append(f"~ succession {key[0]}→{key[1]}")
    for key, obj in stored.items():
        if key not in wanted and key[0] in {u["code"] for u in units}:
            obj.delete()
            changes.append(f"- succession {key[0]}→{key[1]}")


def _drop_missing(plan: Plan, d: dict, changes: list[str]) -> None:
    keep: dict[str, tuple[set[Any], Any, str]] = {
        "indicator": ({i["code"] for i in d.get("indicators") or []}, plan.indicators, "code"),
        "task": ({t["number"] for t in d["tasks"]}, plan.tasks, "number"),
        "group": ({g["code"] for g in d.get("unit_groups") or []}, plan.unit_groups, "code"),
        "section": ({s["code"] for s in d["sections"]}, plan.sections, "code"),
    }
    for label, (wanted, manager, key) in keep.items():
        # Children before parents: longer section codes first.
        for obj in sorted(
            manager.exclude(**{f"{key}__in": wanted}), key=lambda o: -len(str(getattr(o, key)))
        ):
            changes.append(f"- {label} {getattr(obj, key)}")
            obj.delete()
