"""Public holidays 2019–2026 as published by 国务院办公厅 (the yearly 《国务院办公厅关于××年部分
节假日安排的通知》, and the two notices that changed a year after publication).

Each entry: holiday name, the days off as inclusive ranges, and the weekend days worked
instead.  Days off that fall on a weekend are listed too (the notices give whole ranges); they
change nothing in the working-day count.  Only what the notices say is here: the office adds
later years in the admin or on its holiday page when the State Council publishes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

D = dt.date


@dataclass(frozen=True)
class Arrangement:
    name: str
    off: tuple[tuple[dt.date, dt.date], ...]
    workdays: tuple[dt.date, ...]
    source: str


N2019 = "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）"
N2019_MAY = "国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）"
N2020 = "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）"
N2020_COVID = "国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）"
N2021 = "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）"
N2022 = "国务院办公厅关于2022年部分节假日安排的通知（2021年10月25日）"
N2023 = "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）"
N2024 = "国务院办公厅关于2024年部分节假日安排的通知（2023年10月25日）"
N2025 = "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"
N2026 = "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）"

ARRANGEMENTS: tuple[Arrangement, ...] = (
    # 2019
    Arrangement("元旦", ((D(2018, 12, 30), D(2019, 1, 1)),), (D(2018, 12, 29),), N2019),
    Arrangement("春节", ((D(2019, 2, 4), D(2019, 2, 10)),), (D(2019, 2, 2), D(2019, 2, 3)), N2019),
    Arrangement("清明节", ((D(2019, 4, 5), D(2019, 4, 5)),), (), N2019),
    # First announced as 1 May only; extended to four days on 22 March 2019.
    Arrangement(
        "劳动节", ((D(2019, 5, 1), D(2019, 5, 4)),), (D(2019, 4, 28), D(2019, 5, 5)), N2019_MAY
    ),
    Arrangement("端午节", ((D(2019, 6, 7), D(2019, 6, 7)),), (), N2019),
    Arrangement("中秋节", ((D(2019, 9, 13), D(2019, 9, 13)),), (), N2019),
    Arrangement(
        "国庆节", ((D(2019, 10, 1), D(2019, 10, 7)),), (D(2019, 9, 29), D(2019, 10, 12)), N2019
    ),
    # 2020
    Arrangement("元旦", ((D(2020, 1, 1), D(2020, 1, 1)),), (), N2020),
    # 24–30 January with 19 January and 1 February worked; the holiday was then extended to
    # 2 February (COVID-19), so 1 February was no longer worked.
    Arrangement("春节", ((D(2020, 1, 24), D(2020, 1, 30)),), (D(2020, 1, 19),), N2020),
    Arrangement("春节（延长）", ((D(2020, 1, 31), D(2020, 2, 2)),), (), N2020_COVID),
    Arrangement("清明节", ((D(2020, 4, 4), D(2020, 4, 6)),), (), N2020),
    Arrangement(
        "劳动节", ((D(2020, 5, 1), D(2020, 5, 5)),), (D(2020, 4, 26), D(2020, 5, 9)), N2020
    ),
    Arrangement("端午节", ((D(2020, 6, 25), D(2020, 6, 27)),), (D(2020, 6, 28),), N2020),
    Arrangement(
        "国庆节、中秋节",
        ((D(2020, 10, 1), D(2020, 10, 8)),),
        (D(2020, 9, 27), D(2020, 10, 10)),
        N2020,
    ),
    # 2021
    Arrangement("元旦", ((D(2021, 1, 1), D(2021, 1, 3)),), (), N2021),
    Arrangement(
        "春节", ((D(2021, 2, 11), D(2021, 2, 17)),), (D(2021, 2, 7), D(2021, 2, 20)), N2021
    ),
    Arrangement("清明节", ((D(2021, 4, 3), D(2021, 4, 5)),), (), N2021),
    Arrangement(
        "劳动节", ((D(2021, 5, 1), D(2021, 5, 5)),), (D(2021, 4, 25), D(2021, 5, 8)), N2021
    ),
    Arrangement("端午节", ((D(2021, 6, 12), D(2021, 6, 14)),), (), N2021),
    Arrangement("中秋节", ((D(2021, 9, 19), D(2021, 9, 21)),), (D(2021, 9, 18),), N2021),
    Arrangement(
        "国庆节", ((D(2021, 10, 1), D(2021, 10, 7)),), (D(2021, 9, 26), D(2021, 10, 9)), N2021
    ),
    # 2022
    Arrangement("元旦", ((D(2022, 1, 1), D(2022, 1, 3)),), (), N2022),
    Arrangement(
        "春节", ((D(2022, 1, 31), D(2022, 2, 6)),), (D(2022, 1, 29), D(2022, 1, 30)), N2022
    ),
    Arrangement("清明节", ((D(2022, 4, 3), D(2022, 4, 5)),), (D(2022, 4, 2),), N2022),
    Arrangement(
        "劳动节", ((D(2022, 4, 30), D(2022, 5, 4)),), (D(2022, 4, 24), D(2022, 5, 7)), N2022
    ),
    Arrangement("端午节", ((D(2022, 6, 3), D(2022, 6, 5)),), (), N2022),
    Arrangement("中秋节", ((D(2022, 9, 10), D(2022, 9, 12)),), (), N2022),
    Arrangement(
        "国庆节", ((D(2022, 10, 1), D(2022, 10, 7)),), (D(2022, 10, 8), D(2022, 10, 9)), N2022
    ),
    # 2023
    Arrangement("元旦", ((D(2022, 12, 31), D(2023, 1, 2)),), (), N2023),
    Arrangement(
        "春节", ((D(2023, 1, 21), D(2023, 1, 27)),), (D(2023, 1, 28), D(2023, 1, 29)), N2023
    ),
    Arrangement("清明节", ((D(2023, 4, 5), D(2023, 4, 5)),), (), N2023),
    Arrangement(
        "劳动节", ((D(2023, 4, 29), D(2023, 5, 3)),), (D(2023, 4, 23), D(2023, 5, 6)), N2023
    ),
    Arrangement("端午节", ((D(2023, 6, 22), D(2023, 6, 24)),), (D(2023, 6, 25),), N2023),
    Arrangement(
        "中秋节、国庆节",
        ((D(2023, 9, 29), D(2023, 10, 6)),),
        (D(2023, 10, 7), D(2023, 10, 8)),
        N2023,
    ),
    # 2024
    Arrangement("元旦", ((D(2024, 1, 1), D(2024, 1, 1)),), (), N2024),
    Arrangement(
        "春节", ((D(2024, 2, 10), D(2024, 2, 17)),), (D(2024, 2, 4), D(2024, 2, 18)), N2024
    ),
    Arrangement("清明节", ((D(2024, 4, 4), D(2024, 4, 6)),), (D(2024, 4, 7),), N2024),
    Arrangement(
        "劳动节", ((D(2024, 5, 1), D(2024, 5, 5)),), (D(2024, 4, 28), D(2024, 5, 11)), N2024
    ),
    Arrangement("端午节", ((D(2024, 6, 10), D(2024, 6, 10)),), (), N2024),
    Arrangement("中秋节", ((D(2024, 9, 15), D(2024, 9, 17)),), (D(2024, 9, 14),), N2024),
    Arrangement(
        "国庆节", ((D(2024, 10, 1), D(2024, 10, 7)),), (D(2024, 9, 29), D(2024, 10, 12)), N2024
    ),
    # 2025: the first year under the 2024 revision of 《全国年节及纪念日放假办法》 (除夕 and
    # 2 May became holidays).
    Arrangement("元旦", ((D(2025, 1, 1), D(2025, 1, 1)),), (), N2025),
    Arrangement("春节", ((D(2025, 1, 28), D(2025, 2, 4)),), (D(2025, 1, 26), D(2025, 2, 8)), N2025),
    Arrangement("清明节", ((D(2025, 4, 4), D(2025, 4, 6)),), (), N2025),
    Arrangement("劳动节", ((D(2025, 5, 1), D(2025, 5, 5)),), (D(2025, 4, 27),), N2025),
    Arrangement("端午节", ((D(2025, 5, 31), D(2025, 6, 2)),), (), N2025),
    Arrangement(
        "国庆节、中秋节",
        ((D(2025, 10, 1), D(2025, 10, 8)),),
        (D(2025, 9, 28), D(2025, 10, 11)),
        N2025,
    ),
    # 2026
    Arrangement("元旦", ((D(2026, 1, 1), D(2026, 1, 3)),), (D(2026, 1, 4),), N2026),
    Arrangement(
        "春节", ((D(2026, 2, 15), D(2026, 2, 23)),), (D(2026, 2, 14), D(2026, 2, 28)), N2026
    ),
    Arrangement("清明节", ((D(2026, 4, 4), D(2026, 4, 6)),), (), N2026),
    Arrangement("劳动节", ((D(2026, 5, 1), D(2026, 5, 5)),), (D(2026, 5, 9),), N2026),
    Arrangement("端午节", ((D(2026, 6, 19), D(2026, 6, 21)),), (), N2026),
    Arrangement("中秋节", ((D(2026, 9, 25), D(2026, 9, 27)),), (), N2026),
    Arrangement(
        "国庆节", ((D(2026, 10, 1), D(2026, 10, 7)),), (D(2026, 9, 20), D(2026, 10, 10)), N2026
    ),
)


@dataclass(frozen=True)
class Day:
    date: dt.date
    name: str
    kind: str  # "off" | "workday"
    source: str


def published_days() -> Iterator[Day]:
    for a in ARRANGEMENTS:
        for first, last in a.off:
            day = first
            while day <= last:
                yield Day(day, a.name, "off", a.source)
                day += dt.timedelta(days=1)
        for day in a.workdays:
            yield Day(day, f"{a.name}调休", "workday", a.source)
