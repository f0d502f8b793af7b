"""Read and check a plan file (docs/plan-format.md) without touching the database.

`read_plan_file` returns a `PlanDocument` or raises `PlanFileError` listing every problem found,
each with the path inside the file and the rule it breaks.  Loading (loader.py) only ever sees a
document that passed every check, which is what makes a load all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .formatting import plain_number

SCHEMA = json.loads((Path(__file__).with_name("schema.json")).read_text(encoding="utf-8"))
CITY = "city"
ROLE_RANK = {"lead": 0, "territorial": 1, "co": 2}


@dataclass(frozen=True)
class Problem:
    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(file)'}: {self.message} [{self.rule}]"


class PlanFileError(Exception):
    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        head = f"{self.source}: {len(self.problems)} problem(s); nothing was loaded"
        return "\n".join([head, *(f"{self.source}: {p}" for p in self.problems)])


@dataclass(frozen=True)
class Duty:
    unit: str
    role: str
    via: str  # the group phrase the unit was named through, or ""


@dataclass
class PlanDocument:
    data: dict[str, Any]
    source: str
    duties: dict[int, list[Duty]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return str(self.data["plan"]["code"])


# --- YAML reading -----------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (we check them ourselves) and refuses duplicate keys."""


_StrictLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def decode_plan_bytes(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; it looks like GBK/GB18030 — save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise PlanFileError(
            source,
            [Problem("", "encoding-utf8", f"the file is not UTF-8 (byte {exc.start}){hint}")],
        ) from None


def parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanFileError(source, [Problem(where, "yaml-syntax", str(problem))]) from None


def read_plan_file(path: str | Path) -> PlanDocument:
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(
            source, [Problem("", "file-readable", exc.strerror or str(exc))]
        ) from None
    return check_plan(parse_yaml(decode_plan_bytes(raw, source), source), source)


# --- checks -----------------------------------------------------------------------------------


def _json_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _schema_problems(data: Any) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        rule = f"schema:{error.validator}"
        problems.append(Problem(_json_path(error.path), rule, error.message))
    return problems


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class _Checker:
    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[Problem] = []
        self.units = {u["code"]: u for u in data["units"]}
        self.groups = {g["code"]: g for g in data.get("unit_groups") or []}
        self.sections = {s["code"]: s for s in data["sections"]}
        self.tasks = {t["number"]: t for t in data["tasks"]}
        self.indicators = {i["code"]: i for i in data.get("indicators") or []}
        self.duties: dict[int, list[Duty]] = {}

    def problem(self, path: str, rule: str, message: str) -> None:
        self.problems.append(Problem(path, rule, message))

    def unique(self, key: str, items: list[dict], name: str, label: str) -> None:
        seen: dict[Any, int] = {}
        for i, item in enumerate(items):
            value = item[name]
            if value in seen:
                self.problem(
                    f"{key}[{i}].{name}",
                    f"unique-{label}",
                    f"duplicate {label} {value!r} (first at {key}[{seen[value]}])",
                )
            else:
                seen[value] = i

    def date(self, path: str, value: Any) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.problem(path, "date-valid", f"{value!r} is not a valid date (YYYY-MM-DD)")
            return None

    def run(self) -> None:
        d = self.data
        self.unique("units", d["units"], "code", "unit-code")
        self.unique("unit_groups", d.get("unit_groups") or [], "code", "group-code")
        self.unique("sections", d["sections"], "code", "section-code")
        self.unique("tasks", d["tasks"], "number", "task-number")
        self.unique("indicators", d.get("indicators") or [], "code", "indicator-code")
        self.unique("targets", d.get("targets") or [], "code", "target-code")
        self.check_plan_meta()
        self.check_units()
        self.check_groups()
        self.check_sections()
        self.check_tasks()
        self.check_targets()
        self.check_unquantified()

    def check_plan_meta(self) -> None:
        plan = self.data["plan"]
        for key in ("issued_on", "effective_on"):
            self.date(f"plan.{key}", plan.get(key))
        if plan["lead_unit"] not in self.units:
            self.problem("plan.lead_unit", "unit-known", f"unknown unit {plan['lead_unit']!r}")
        if plan["start_year"] > plan["horizon_year"]:
            self.problem("plan.horizon_year", "years-ordered", "horizon_year is before start_year")

    def check_units(self) -> None:
        names: dict[str, str] = {}
        for i, unit in enumerate(self.data["units"]):
            path = f"units[{i}]"
            start = self.date(f"{path}.valid_from", unit.get("valid_from"))
            end = self.date(f"{path}.valid_to", unit.get("valid_to"))
            if start and end and start > end:
                self.problem(
                    f"{path}.valid_to", "validity-ordered", "valid_to is before valid_from"
                )
            for name in [unit["name"], *(unit.get("aliases") or [])]:
                other = names.setdefault(name, unit["code"])
                if other != unit["code"]:
                    self.problem(
                        f"{path}", "unit-name-unique", f"name {name!r} also names {other!r}"
                    )
            for j, succ in enumerate(unit.get("successors") or []):
                self.date(f"{path}.successors[{j}].date", succ["date"])
                if succ["unit"] not in self.units:
                    self.problem(
                        f"{path}.successors[{j}].unit",
                        "unit-known",
                        f"unknown unit {succ['unit']!r}",
                    )
        self.check_succession_loops()

    def check_succession_loops(self) -> None:
        graph = {c: [s["unit"] for s in u.get("successors") or []] for c, u in self.units.items()}
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done

        def visit(code: str, trail: list[str]) -> None:
            state[code] = 1
            for nxt in graph.get(code, []):
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    loop = " → ".join([*trail[trail.index(nxt) :], nxt])
                    index = list(self.units).index(code)
                    self.problem(
                        f"units[{index}].successors",
                        "succession-acyclic",
                        f"successors loop: {loop}",
                    )
                elif state.get(nxt) is None:
                    visit(nxt, [*trail, nxt])
            state[code] = 2

        for code in graph:
            if state.get(code) is None:
                visit(code, [code])

    def check_groups(self) -> None:
        for i, group in enumerate(self.data.get("unit_groups") or []):
            if group["code"] in self.units or group["code"] == CITY:
                self.problem(
                    f"unit_groups[{i}].code", "scope-code-unique", "code clashes with a unit"
                )
            for j, member in enumerate(group["members"]):
                if member not in self.units:
                    self.problem(
                        f"unit_groups[{i}].members[{j}]", "unit-known", f"unknown unit {member!r}"
                    )
            head = group.get("head")
            if head and head not in group["members"]:
                self.problem(f"unit_groups[{i}].head", "group-head-member", "head is not a member")

    def check_sections(self) -> None:
        for i, section in enumerate(self.data["sections"]):
            code = section["code"]
            if "." in code and code.rsplit(".", 1)[0] not in self.sections:
                self.problem(
                    f"sections[{i}].code", "section-parent", f"no parent section for {code}"
                )

    def check_tasks(self) -> None:
        for i, task in enumerate(self.data["tasks"]):
            path = f"tasks[{i}]"
            if task["section"] not in self.sections:
                self.problem(
                    f"{path}.section", "section-known", f"unknown section {task['section']!r}"
                )
            self.date(f"{path}.deadline", task["deadline"])
            duties = self.resolve_responsible(f"{path}.responsible", task["responsible"])
            if duties is not None:
                self.duties[task["number"]] = duties
                self.check_derived_roles(path, task, duties)

    def check_derived_roles(self, path: str, task: dict, duties: list[Duty]) -> None:
        """Exports carry lead/co_operators for readers; if present they must agree with 责任单位."""
        names = {code: unit["name"] for code, unit in self.units.items()}
        derived = {
            "lead": next((names[d.unit] for d in duties if d.role == "lead"), None),
            "co_operators": [names[d.unit] for d in duties if d.role == "co"],
            "territorial": [names[d.unit] for d in duties if d.role == "territorial"],
        }
        for key, value in derived.items():
            if key in task and task[key] != value:
                self.problem(
                    f"{path}.{key}",
                    "roles-match-responsible",
                    f"{task[key]!r} does not match what 责任单位 says ({value!r})",
                )

    def _match_unit(self, piece: str) -> str | None:
        by_name = {}
        for code, unit in self.units.items():
            for name in [unit["name"], *(unit.get("aliases") or [])]:
                by_name[name] = code
        for candidate in (piece, re.sub(r"(人民政府|政府|管委会)$", "", piece)):
            if candidate in by_name:
                return by_name[candidate]
        return None

    def resolve_responsible(self, path: str, text: str) -> list[Duty] | None:
        phrases = {}
        for code, group in self.groups.items():
            for phrase in [group["phrase"], *(group.get("aliases") or [])]:
                phrases[phrase] = code
        pattern = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        parts = re.split(f"({pattern})", text) if pattern else [text]
        pieces: list[tuple[str, str]] = []
        for part in parts:
            if part in phrases:
                pieces.append(("group", part))
                continue
            for bit in re.split(r"[，、,;；]", part):
                bit = bit.strip().rstrip("。")
                if not bit:
                    continue
                code = self._match_unit(bit)
                if code is None:
                    self.problem(path, "unit-known", f"unknown unit {bit!r} in {text!r}")
                    return None
                pieces.append(("unit", code))
        chosen: dict[str, Duty] = {}
        for index, (kind, value) in enumerate(pieces):
            if kind == "unit":
                members, head, via = [value], value, ""
            else:
                group = self.groups[phrases[value]]
                # Members in the order the file lists the units, so the result does not depend
                # on how a group happens to list them (exports list them by database id).
                members = sorted(group["members"], key=list(self.units).index)
                head, via = group.get("head"), value
            for code in members:
                if self.units[code]["kind"] == "district":
                    role = "territorial"
                elif index == 0 and code == head:
                    role = "lead"
                else:
                    role = "co"
                current = chosen.get(code)
                if current is None or ROLE_RANK[role] < ROLE_RANK[current.role]:
                    chosen[code] = Duty(code, role, current.via if current else via)
        return list(chosen.values())

    def plan_texts(self) -> str:
        """Everything the plan itself says: metadata, section titles and texts, the task table."""
        meta = self.data["plan"]
        texts = [
            str(meta.get(k) or "") for k in ("title", "document_number", "preamble", "closing")
        ]
        texts += [f"{s['title']}\n{s.get('text') or ''}" for s in self.data["sections"]]
        texts += [f"{t['name']}\n{t['content']}" for t in self.data["tasks"]]
        return _squash("\n".join(texts))

    def check_targets(self) -> None:
        corpus = self.plan_texts()
        for i, target in enumerate(self.data.get("targets") or []):
            path = f"targets[{i}]"
            if target["indicator"] not in self.indicators:
                self.problem(
                    f"{path}.indicator",
                    "indicator-known",
                    f"unknown indicator {target['indicator']!r}",
                )
            scope = target["scope"]
            if scope != CITY and scope not in self.units and scope not in self.groups:
                self.problem(f"{path}.scope", "scope-known", f"unknown scope {scope!r}")
            self.date(f"{path}.deadline", target["deadline"])
            if "goal" not in target and "task" not in target:
                self.problem(path, "target-belongs", "a target needs a goal or a task")
            for key in ("goal", "section"):
                if key in target and target[key] not in self.sections:
                    self.problem(
                        f"{path}.{key}", "section-known", f"unknown section {target[key]!r}"
                    )
            if "task" in target and target["task"] not in self.tasks:
                self.problem(f"{path}.task", "task-known", f"unknown task {target['task']!r}")
            if target["comparator"] == "reduce_by" and not (target.get("baseline") or {}).get(
                "year"
            ):
                self.problem(
                    f"{path}.baseline", "baseline-required", "reduce_by needs baseline.year"
                )
            for j, text in enumerate([target["source_text"], *(target.get("also_in") or [])]):
                where = f"{path}.source_text" if j == 0 else f"{path}.also_in[{j - 1}]"
                if _squash(text) not in corpus:
                    self.problem(where, "source-verbatim", f"text not found in the plan: {text!r}")
            number = plain_number(Decimal(str(target["value"])))
            if number not in _squash(target["source_text"]) and not target.get("value_note"):
                self.problem(
                    f"{path}.value",
                    "value-in-source",
                    f"{number} does not appear in source_text; add value_note to explain it",
                )

    def check_unquantified(self) -> None:
        corpus = self.plan_texts()
        for i, item in enumerate(self.data.get("unquantified_numbers") or []):
            if _squash(item["text"]) not in corpus:
                self.problem(
                    f"unquantified_numbers[{i}].text",
                    "source-verbatim",
                    "text not found in the plan",
                )


def check_plan(data: Any, source: str = "<plan>") -> PlanDocument:
    problems = _schema_problems(data)
    if problems:
        raise PlanFileError(source, problems)
    checker = _Checker(data)
    checker.run()
    if checker.problems:
        raise PlanFileError(source, checker.problems)
    return PlanDocument(data=data, source=source, duties=checker.duties)
