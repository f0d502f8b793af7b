"""Find numbers in a plan's text that no target and no declared exception accounts for.

A plan promises numbers; a transcription that drops one silently loses a commitment.  This check
walks every Arabic number in the source text and asks whether some target's ``source_text`` (or
``also_in``) or some ``unquantified_numbers`` entry containing that number covers it verbatim.
Pure Python on the parsed YAML, so it runs in tests and from the command line without Django.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

NUMBER = re.compile(r"\d+(?:[.．]\d+)?")

# Spans that contain digits but are not quantities: dates, document numbers, names, numbering.
NOT_QUANTITIES = [
    re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|底|份)?)?"),  # 2019年, 2020年9月底
    re.compile(r"\d{4}-\d{4}年"),  # 2013-2020年
    re.compile(r"〔\d{4}〕\d+号"),  # 杭政函〔2019〕18号
    re.compile(r"PM2\.\s*5|PM10"),
    re.compile(r"\d+(?:\.\d+)?版"),  # 2.0版
    re.compile(r"(?m)^\s*\d+[.．、]"),  # item numbering at the start of a line
    re.compile(r"(?m)^\t\d+$"),  # 序号 column of the task table
    re.compile(r"十[一二三四五]五"),
]


@dataclass(frozen=True)
class Uncovered:
    start: int
    number: str
    context: str

    def __str__(self) -> str:
        return f"{self.number!r} at {self.start}: …{self.context}…"


def _spans(pattern_texts: Iterable[str], source: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for text in pattern_texts:
        text = text.strip()
        if not text:
            continue
        # Spaces in the source are not significant (the text has "PM2. 5"), so match with optional
        # whitespace between every character.
        pattern = r"\s*".join(re.escape(ch) for ch in text if not ch.isspace())
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, source))
    return spans


def covering_texts(plan: dict) -> list[str]:
    texts: list[str] = []
    for target in plan.get("targets") or []:
        texts.append(str(target.get("source_text", "")))
        texts.extend(str(t) for t in target.get("also_in") or [])
    texts.extend(str(item.get("text", "")) for item in plan.get("unquantified_numbers") or [])
    return texts


def uncovered_numbers(plan: dict, source: str) -> list[Uncovered]:
    skipped = [m.span() for p in NOT_QUANTITIES for m in p.finditer(source)]
    covered = _spans(covering_texts(plan), source)
    result = []
    for m in NUMBER.finditer(source):
        start, end = m.span()
        if any(a <= start and end <= b for a, b in skipped):
            continue
        if any(a <= start and end <= b for a, b in covered):
            continue
        ctx = source[max(0, start - 25) : end + 15].replace("\n", " ")
        result.append(Uncovered(start, m.group(), ctx))
    return result


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print("usage: python -m qingshan.plans.coverage PLAN.yaml SOURCE.txt", file=sys.stderr)
        return 2
    plan = yaml.safe_load(Path(args[0]).read_text(encoding="utf-8"))
    source = Path(args[1]).read_text(encoding="utf-8")
    missing = uncovered_numbers(plan, source)
    for item in missing:
        print(item)
    print(f"{len(missing)} number(s) not accounted for")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
