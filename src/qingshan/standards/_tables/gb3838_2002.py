"""GB 3838-2002 地表水环境质量标准, Table 1 basic items (基本项目).

Published 2002-04-28, in force 2002-06-01. Limits in mg/L unless stated.
"""

from __future__ import annotations

EDITION = "GB3838-2002"

TABLE_1 = "GB 3838-2002 表1 地表水环境质量标准基本项目标准限值"

GRADES: tuple[str, ...] = ("I", "II", "III", "IV", "V", "劣V")

#: item -> (Chinese name, unit, direction, river limits I..V, lake/reservoir limits I..V).
#: direction "le": value ≤ limit meets the class; "ge": value ≥ limit meets it (DO);
#: "range": the two numbers are the inclusive range for every class (pH).
#: ``None`` limits: the item does not apply to that kind of water body.
ITEMS: dict[
    str,
    tuple[str, str, str, tuple[float, ...] | None, tuple[float, ...] | None],
] = {
    "pH": ("pH值", "无量纲", "range", (6, 9), (6, 9)),
    # DO class I is "饱和率90%（或7.5）"; only the 7.5 mg/L form is implemented.
    "DO": ("溶解氧", "mg/L", "ge", (7.5, 6, 5, 3, 2), (7.5, 6, 5, 3, 2)),
    "CODMn": ("高锰酸盐指数", "mg/L", "le", (2, 4, 6, 10, 15), (2, 4, 6, 10, 15)),
    "COD": ("化学需氧量", "mg/L", "le", (15, 15, 20, 30, 40), (15, 15, 20, 30, 40)),
    "BOD5": ("五日生化需氧量", "mg/L", "le", (3, 3, 4, 6, 10), (3, 3, 4, 6, 10)),
    "NH3-N": ("氨氮", "mg/L", "le", (0.15, 0.5, 1.0, 1.5, 2.0), (0.15, 0.5, 1.0, 1.5, 2.0)),
    "TP": (
        "总磷（以P计）",
        "mg/L",
        "le",
        (0.02, 0.1, 0.2, 0.3, 0.4),
        (0.01, 0.025, 0.05, 0.1, 0.2),
    ),
    "TN": ("总氮（湖、库，以N计）", "mg/L", "le", None, (0.2, 0.5, 1.0, 1.5, 2.0)),
    "Cu": ("铜", "mg/L", "le", (0.01, 1.0, 1.0, 1.0, 1.0), (0.01, 1.0, 1.0, 1.0, 1.0)),
    "Zn": ("锌", "mg/L", "le", (0.05, 1.0, 1.0, 2.0, 2.0), (0.05, 1.0, 1.0, 2.0, 2.0)),
    "F": ("氟化物（以F⁻计）", "mg/L", "le", (1.0, 1.0, 1.0, 1.5, 1.5), (1.0, 1.0, 1.0, 1.5, 1.5)),
    "Se": ("硒", "mg/L", "le", (0.01, 0.01, 0.01, 0.02, 0.02), (0.01, 0.01, 0.01, 0.02, 0.02)),
    "As": ("砷", "mg/L", "le", (0.05, 0.05, 0.05, 0.1, 0.1), (0.05, 0.05, 0.05, 0.1, 0.1)),
    "Hg": (
        "汞",
        "mg/L",
        "le",
        (0.00005, 0.00005, 0.0001, 0.001, 0.001),
        (0.00005, 0.00005, 0.0001, 0.001, 0.001),
    ),
    "Cd": (
        "镉",
        "mg/L",
        "le",
        (0.001, 0.005, 0.005, 0.005, 0.01),
        (0.001, 0.005, 0.005, 0.005, 0.01),
    ),
    "Cr6+": (
        "铬（六价）",
        "mg/L",
        "le",
        (0.01, 0.05, 0.05, 0.05, 0.1),
        (0.01, 0.05, 0.05, 0.05, 0.1),
    ),
    "Pb": ("铅", "mg/L", "le", (0.01, 0.01, 0.05, 0.05, 0.1), (0.01, 0.01, 0.05, 0.05, 0.1)),
    "CN": ("氰化物", "mg/L", "le", (0.005, 0.05, 0.2, 0.2, 0.2), (0.005, 0.05, 0.2, 0.2, 0.2)),
    "volatile_phenol": (
        "挥发酚",
        "mg/L",
        "le",
        (0.002, 0.002, 0.005, 0.01, 0.1),
        (0.002, 0.002, 0.005, 0.01, 0.1),
    ),
    "petroleum": (
        "石油类",
        "mg/L",
        "le",
        (0.05, 0.05, 0.05, 0.5, 1.0),
        (0.05, 0.05, 0.05, 0.5, 1.0),
    ),
    "LAS": ("阴离子表面活性剂", "mg/L", "le", (0.2, 0.2, 0.2, 0.3, 0.3), (0.2, 0.2, 0.2, 0.3, 0.3)),
    "sulfide": ("硫化物", "mg/L", "le", (0.05, 0.1, 0.2, 0.5, 1.0), (0.05, 0.1, 0.2, 0.5, 1.0)),
    "fecal_coliform": (
        "粪大肠菌群",
        "个/L",
        "le",
        (200, 2000, 10000, 20000, 40000),
        (200, 2000, 10000, 20000, 40000),
    ),
}

#: Table 1 item 1 (水温) has no class limits, only a permitted man-made change; it is accepted
#: as input and never classified.
UNCLASSIFIED_ITEMS: tuple[str, ...] = ("water_temperature",)

#: 环办〔2011〕22号《地表水环境质量评价办法（试行）》: the 21 items of Table 1 other than
#: water temperature, TN and fecal coliform decide the class; TN and fecal coliform are
#: "参考指标单独评价（河流总氮除外）".
NATIONAL_2011_ITEMS: tuple[str, ...] = tuple(
    item for item in ITEMS if item not in ("TN", "fecal_coliform")
)
NATIONAL_2011_REFERENCE_ITEMS: tuple[str, ...] = ("TN", "fecal_coliform")
