"""Which district a list means, in the year of the list.

Hangzhou redrew its districts on 2021-04-09 (上城+江干 → 上城, 下城+拱墅 → 拱墅, 临平区 split
from 余杭区, 钱塘区 from 大江东 and 下沙): a 2019 list says 江干区, a 2022 list says 临平区.
A name is accepted when its district existed at some time in the list's year; otherwise the
problem names the successor (or says when the district was formed).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from qingshan.plans.models import Org

# Names lists use that the plan file does not: the former 临安市 and the 2019–2021 钱塘新区
# (the management area over 大江东 and 下沙, the plan's "djd" committee).
EXTRA_NAMES = {
    "临安市": "linan",
    "钱塘新区": "djd",
    "杭州钱塘新区": "djd",
    "大江东": "djd",
    "大江东产业集聚区": "djd",
    "下沙": "djd",
    "经济技术开发区": "djd",
    "经开区": "djd",
    "杭州经济技术开发区": "djd",
}
_PARENS = re.compile(r"[（(].*?[)）]")


def key(text: object) -> str:
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(raw.split())


def _variants(org: Org) -> set[str]:
    names = {org.name, org.full_name, *org.aliases}
    more = set()
    for name in filter(None, names):
        name = key(name)
        more.add(name)
        bare = _PARENS.sub("", name).removesuffix("人民政府").removesuffix("政府")
        bare = bare.removesuffix("管委会").removeprefix("杭州市")
        more.add(bare)
        more.add("杭州市" + bare)
        if len(bare) >= 3 and bare[-1] in "区县市":
            more.add(bare[:-1])  # "萧山", "淳安"
    return {n for n in more if len(n) >= 2}


@dataclass(frozen=True)
class DistrictMatch:
    org: Org | None
    problem: str = ""  # why the name is refused for this year; "" when org is set


class DistrictNames:
    """The district Orgs by every name a list may use; built once per import."""

    def __init__(self) -> None:
        self.orgs = list(
            Org.objects.filter(kind=Org.Kind.DISTRICT).prefetch_related("successions__successor")
        )
        self.by_name: dict[str, Org] = {}
        by_code = {o.code: o for o in self.orgs}
        for org in self.orgs:
            for name in _variants(org):
                self.by_name.setdefault(name, org)
        for name, code in EXTRA_NAMES.items():
            if code in by_code:
                self.by_name.setdefault(key(name), by_code[code])

    def match(self, text: str, year: int) -> DistrictMatch:
        org = self.by_name.get(key(text))
        if org is None:
            return DistrictMatch(
                None, f"“{text}”不是杭州市的区、县（市）；可填写：{'、'.join(self.current(year))}"
            )
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if org.valid_from and org.valid_from > last:
            return DistrictMatch(
                None, f"{org.name}于 {org.valid_from:%Y年%-m月%-d日} 设立，{year}年的名录中还没有它"
            )
        if org.valid_to and org.valid_to < first:
            successors = "、".join(
                s.successor.name
                for s in org.successions.all()  # type: ignore[attr-defined]
            )
            hint = f"，{year}年的名录应填写{successors}" if successors else ""
            return DistrictMatch(None, f"{org.name}已于 {org.valid_to:%Y年%-m月%-d日} 撤销{hint}")
        return DistrictMatch(org)

    def current(self, year: int) -> list[str]:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return [
            o.name
            for o in self.orgs
            if (o.valid_from is None or o.valid_from <= last)
            and (o.valid_to is None or o.valid_to >= first)
        ]
