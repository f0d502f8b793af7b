"""What the columns of a list mean: the headers the bureaus publish, compared after NFKC,
without spaces or brackets' contents ("经度（°）" is 经度), and case-folded."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Category

ROLES: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "no", "no."),
    "district": ("区县", "所属区县", "所在区县", "区、县(市)", "区县(市)", "县(市、区)", "县市区",
                 "所属区、县(市)", "所在区、县(市)", "行政区", "行政区划", "所属地区", "地区", "区域",
                 "属地", "辖区", "所属辖区", "district"),
    "name": ("单位名称", "企业名称", "排污单位名称", "重点排污单位名称", "名称", "单位", "企业",
             "name"),
    "code": ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "credit_code"),
    "address": ("地址", "单位地址", "企业地址", "详细地址", "生产经营场所地址", "所在地址",
                "address"),
    "longitude": ("经度", "中心经度", "longitude", "lon", "lng"),
    "latitude": ("纬度", "中心纬度", "latitude", "lat"),
    "industry": ("行业类别", "行业", "所属行业", "行业名称", "国民经济行业", "industry"),
    "categories": ("类别", "名录类别", "重点排污单位类别", "所属类别", "类型", "单位类别",
                   "categories"),
    "permit": ("排污许可证编号", "排污许可证号", "许可证编号", "许可证号", "排污许可编号",
               "permit_number"),
}  # fmt: skip

# A category as a header (its own ✓ column) or as a word in a 类别 cell.
CATEGORY_NAMES: dict[Category, tuple[str, ...]] = {
    Category.WATER: ("水环境", "水", "废水", "水环境重点排污单位", "水重点排污单位", "water"),
    Category.AIR: ("大气环境", "大气", "气", "废气", "大气环境重点排污单位", "大气重点排污单位",
                   "air"),
    Category.SOIL: ("土壤污染", "土壤", "土", "土壤环境", "土壤污染重点监管单位",
                    "土壤环境污染重点监管单位", "soil"),
    Category.NOISE: ("声环境", "声", "噪声", "声环境重点排污单位", "噪声重点排污单位", "noise"),
    Category.RISK: ("环境风险", "风险", "环境风险重点管控单位", "其他重点排污单位(环境风险)",
                    "环境风险重点排污单位", "risk"),
}  # fmt: skip
REQUIRED = ("name", "code", "district")
LABELS = {"name": "单位名称", "code": "统一社会信用代码", "district": "区县"}

_BRACKETS = re.compile(r"[(\[].*?[)\]]")


def norm(text: object) -> str:
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(raw.split()).casefold()


def _bare(text: object) -> str:
    return _BRACKETS.sub("", norm(text)) or norm(text)


ROLE_OF = {norm(name): role for role, names in ROLES.items() for name in names}
CATEGORY_OF = {norm(name): cat for cat, names in CATEGORY_NAMES.items() for name in names}


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str  # a ROLES key, "category" (a ✓ column), or "" (not ours: ignored)
    category: Category | None = None


def column_of(index: int, header: str) -> Column:
    for text in (norm(header), _bare(header)):
        if text in ROLE_OF:
            return Column(index, header, ROLE_OF[text])
        if text in CATEGORY_OF:
            return Column(index, header, "category", CATEGORY_OF[text])
    return Column(index, header, "")


def header_score(row: list) -> int:
    """How many cells of a row read as headers of a list (the header is the first row ≥ 3)."""
    return sum(1 for j, cell in enumerate(row) if cell is not None and column_of(j, str(cell)).role)


def is_category_subheader(row: list) -> bool:
    """The second row of a two-row header: 类别 merged over 水 | 气 | 土 | 声 | 风险."""
    cells = [norm(c) for c in row if c is not None and str(c).strip()]
    named = [c for c in cells if c in CATEGORY_OF or _bare(c) in CATEGORY_OF]
    return len(named) >= 2 and len(named) == len(cells)
