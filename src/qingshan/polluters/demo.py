"""A SIMULATED key-polluter list for demonstrations: about 150 enterprises over Hangzhou's
districts (2021 and 2022 lists), some enforcement records and credit ratings.

Everything is invented and says so: every name ends in "（模拟）", every enterprise is flagged
`is_simulated` (the pages show 演示数据（模拟）), and the credit codes, though their check
characters are computed correctly, are random.  Points are sampled inside the district shapes
of the vendored GeoJSON (the pre-2021 shapes: 临平区 and 钱塘区 are drawn from the parts of
余杭区, 江干区 and 萧山区 they were formed from).  Seeded: the same data every time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from qingshan.audit.services import record_event
from qingshan.plans.models import Org

from .creditcode import ALPHABET, check_character
from .models import Category, CoordinateSystem, CreditRating, EnforcementRecord, Enterprise, Listing

GEOJSON = Path(__file__).resolve().parents[1] / "static/vendor/geo/hangzhou-districts.geojson"
SEED = 20220601
COUNT = 150
SUFFIX = "（模拟）"
YEARS = (2021, 2022)

Box = tuple[float | None, float | None, float | None, float | None]  # lon min/max, lat min/max


@dataclass(frozen=True)
class Area:
    code: str  # the district Org
    division: str  # 行政区划代码, positions 3–8 of a credit code
    shapes: tuple[tuple[str, Box | None], ...]  # GeoJSON feature names, optionally a part
    weight: int


AREAS = (
    Area("shangcheng", "330102", (("上城区", None), ("江干区", (None, 120.28, None, None))), 5),
    Area("gongshu", "330105", (("拱墅区", None), ("下城区", None)), 5),
    Area("xihu", "330106", (("西湖区", None),), 4),
    Area("binjiang", "330108", (("滨江区", None),), 5),
    Area("xiaoshan", "330109", (("萧山区", (None, 120.45, None, None)),), 24),
    Area("yuhang", "330110", (("余杭区", (None, 120.2, None, None)),), 10),
    Area("linping", "330113", (("余杭区", (120.2, None, 30.36, None)),), 14),
    Area("qiantang", "330114",
         (("江干区", (120.3, None, None, None)), ("萧山区", (120.48, None, 30.2, None))), 18),
    Area("fuyang", "330111", (("富阳区", None),), 15),
    Area("linan", "330112", (("临安市", None),), 9),
    Area("tonglu", "330122", (("桐庐县", None),), 9),
    Area("chunan", "330127", (("淳安县", None),), 4),
    Area("jiande", "330182", (("建德市", None),), 10),
)  # fmt: skip

W, A, S, N, R = (c.value for c in Category)
# industry (GB/T 4754), words for names, categories, weight
INDUSTRIES = (
    ("化学原料和化学制品制造业", ("化工", "新材料"), {W, A, S, R}, 18),
    ("纺织业", ("印染", "纺织"), {W}, 16),
    ("造纸和纸制品业", ("纸业",), {W, A}, 8),
    ("电力、热力生产和供应业", ("热电", "能源"), {A, N}, 8),
    ("污水处理及其再生利用", ("水务", "污水处理"), {W}, 10),
    ("危险废物治理", ("固废处置", "环境科技"), {S, R, A}, 6),
    ("金属表面处理及热处理加工", ("表面处理", "电镀"), {W, S, R}, 8),
    ("医药制造业", ("制药", "生物医药"), {W, A, R}, 8),
    ("非金属矿物制品业", ("水泥", "建材"), {A, N}, 6),
    ("汽车制造业", ("汽车零部件",), {A}, 5),
    ("印刷和记录媒介复制业", ("印务", "包装印刷"), {A}, 4),
    ("橡胶和塑料制品业", ("塑业", "橡胶"), {A}, 4),
    ("金属制品业", ("金属制品", "五金"), {W, N}, 4),
)
BRANDS = (
    "青禾",
    "远航",
    "恒泰",
    "新安",
    "绿源",
    "华盛",
    "中誉",
    "富春",
    "钱江",
    "天目",
    "东港",
    "江南",
    "明辉",
    "瑞丰",
    "宏达",
    "金鼎",
    "永盛",
    "华美",
    "佳和",
    "昌隆",
    "兴达",
    "润泽",
    "锦程",
    "万通",
    "之江",
    "湘湖",
    "苕溪",
    "新沙",
    "临江",
    "安澜",
    "嘉诚",
    "德清",
    "博远",
    "汇川",
    "航民",
    "荣盛",
    "星辰",
    "清源",
    "泰和",
    "联合",
    "东方",
    "南山",
)
ROADS = ("工业园区纬一路", "经济开发区兴业路", "高新园区创业路", "工业功能区东环路",
         "临江工业园区围垦路", "科技城南路", "江东大道", "滨江二路", "生态工业园区", "新城大道")  # fmt: skip
VIOLATIONS = (
    ("废水总排口化学需氧量浓度超过《污水综合排放标准》（GB 8978-1996）规定的限值", 100000, 400000),
    ("未按规定运行挥发性有机物废气收集处理设施，部分废气未经处理直接排放", 50000, 300000),
    ("危险废物未按规定分类贮存，贮存场所未设置危险废物识别标志", 30000, 200000),
    ("未按照排污许可证规定开展自行监测并保存原始监测记录", 20000, 100000),
    ("厂界噪声超过《工业企业厂界环境噪声排放标准》（GB 12348-2008）规定的限值", 20000, 80000),
    ("雨水排放口检出生产废水，通过雨水管网排放水污染物", 100000, 500000),
)  # fmt: skip
RATING_WEIGHTS = (
    (CreditRating.Level.TRUSTWORTHY, 18),
    (CreditRating.Level.GOOD, 64),
    (CreditRating.Level.WARNING, 14),
    (CreditRating.Level.BAD, 4),
)


@dataclass
class DemoResult:
    enterprises: int = 0
    listings: int = 0
    enforcements: int = 0
    ratings: int = 0
    already_present: bool = False


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _inside(lon: float, lat: float, polygon: list[list[list[float]]]) -> bool:
    """Ray casting over the outer ring and the holes of one polygon."""
    inside = False
    for ring in polygon:
        j = len(ring) - 1
        for i in range(len(ring)):
            (xi, yi), (xj, yj) = ring[i][:2], ring[j][:2]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def _shapes() -> dict[str, list[list[list[list[float]]]]]:
    geo = json.loads(GEOJSON.read_text(encoding="utf-8"))
    return {f["properties"]["name"]: _rings(f["geometry"]) for f in geo["features"]}


def _sample(rng: random.Random, polygons: list, box: Box | None) -> tuple[Decimal, Decimal]:
    points = [p[:2] for poly in polygons for ring in poly[:1] for p in ring]
    lon0, lon1 = min(p[0] for p in points), max(p[0] for p in points)
    lat0, lat1 = min(p[1] for p in points), max(p[1] for p in points)
    if box:
        lon0, lon1 = box[0] or lon0, box[1] or lon1
        lat0, lat1 = box[2] or lat0, box[3] or lat1
    for _ in range(10000):
        lon, lat = rng.uniform(lon0, lon1), rng.uniform(lat0, lat1)
        if any(_inside(lon, lat, poly) for poly in polygons):
            return Decimal(f"{lon:.6f}"), Decimal(f"{lat:.6f}")
    raise ValueError("no point found inside the district shape")


def _credit_code(rng: random.Random, division: str, taken: set[str]) -> str:
    while True:
        body = "MA2" + "".join(rng.choice(ALPHABET) for _ in range(6))
        first17 = "91" + division + body
        code = first17 + check_character(first17)
        if code not in taken:
            taken.add(code)
            return code


def _weighted(rng: random.Random, items: tuple, weight_index: int):
    return rng.choices(items, weights=[i[weight_index] for i in items])[0]


def demo_present() -> bool:
    return Enterprise.objects.filter(is_simulated=True).exists()


def load_demo_polluters(count: int = COUNT, seed: int = SEED) -> DemoResult:
    """Create the simulated list once; a second call changes nothing."""
    if demo_present():
        return DemoResult(already_present=True)
    rng = random.Random(seed)
    shapes = _shapes()
    orgs = {o.code: o for o in Org.objects.filter(kind=Org.Kind.DISTRICT)}
    missing = [a.code for a in AREAS if a.code not in orgs]
    if missing:
        raise ValueError(f"load the Hangzhou plan first (districts missing: {', '.join(missing)})")
    result = DemoResult()
    taken: set[str] = set(Enterprise.objects.values_list("credit_code", flat=True))
    names: set[str] = set()
    with transaction.atomic():
        enterprises, plans = [], []
        for _ in range(count):
            area = rng.choices(AREAS, weights=[a.weight for a in AREAS])[0]
            industry, words, cats, _w = _weighted(rng, INDUSTRIES, 3)
            shape, box = rng.choice(area.shapes)
            lon, lat = _sample(rng, shapes[shape], box)
            name = f"杭州{rng.choice(BRANDS)}{rng.choice(words)}有限公司"
            while name in names:
                name = f"杭州{rng.choice(BRANDS)}{rng.choice(BRANDS)}{rng.choice(words)}有限公司"
            names.add(name)
            code = _credit_code(rng, area.division, taken)
            district = orgs[area.code]
            enterprises.append(
                Enterprise(
                    name=name + SUFFIX,
                    credit_code=code,
                    district=district,
                    address=f"{district.name}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
                    longitude=lon,
                    latitude=lat,
                    coordinate_system=CoordinateSystem.WGS84,
                    industry=industry,
                    permit_number=f"{code}{rng.randint(1, 3):03d}P",
                    is_published=True,
                    is_simulated=True,
                )
            )
            plans.append(set(cats))
        Enterprise.objects.bulk_create(enterprises)
        saved = {e.credit_code: e for e in Enterprise.objects.filter(is_simulated=True)}
        listings, records, ratings = [], [], []
        for plain, cats in zip(enterprises, plans, strict=True):
            e = saved[plain.credit_code]
            roll = rng.random()
            years = YEARS if roll < 0.85 else (YEARS[1:] if roll < 0.95 else YEARS[:1])
            for year in years:
                chosen = set(cats)
                if year == YEARS[0] and len(chosen) > 1 and rng.random() < 0.2:
                    chosen.discard(rng.choice(sorted(chosen)))
                listings.append(
                    Listing(enterprise=e, year=year, **{c: c in chosen for c in (W, A, S, N, R)})
                )
            punished = set()
            if rng.random() < 0.2:
                for _ in range(rng.choice((1, 1, 2))):
                    violation, low, high = rng.choice(VIOLATIONS)
                    day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
                    punished.add(day.year)
                    branch = (
                        e.district.name.removesuffix("区").removesuffix("县").removesuffix("市")
                    )
                    amount = Decimal(rng.randrange(low, high, 1000))
                    records.append(
                        EnforcementRecord(
                            enterprise=e,
                            date=day,
                            authority=f"杭州市生态环境局{branch}分局",
                            decision_number=f"杭环{branch[:1]}罚〔{day.year}〕{rng.randint(1, 180)}号",
                            violation=violation + SUFFIX,
                            penalty_amount=amount,
                            text=f"（模拟记录）责令改正违法行为，处罚款人民币{amount:,.0f}元。",
                        )
                    )
            for year in (2020, 2021):
                if rng.random() < 0.7:
                    level = _weighted(rng, RATING_WEIGHTS, 1)[0]
                    if year in punished:
                        level = rng.choice((CreditRating.Level.WARNING, CreditRating.Level.BAD))
                    ratings.append(
                        CreditRating(
                            enterprise=e,
                            year=year,
                            level=level,
                            authority="杭州市生态环境局",
                            note="模拟评价结果",
                        )
                    )
        Listing.objects.bulk_create(listings)
        EnforcementRecord.objects.bulk_create(records)
        CreditRating.objects.bulk_create(ratings)
        result = DemoResult(len(enterprises), len(listings), len(records), len(ratings))
        record_event(
            "polluters.demo",
            "polluter_list",
            "demo",
            actor_label="demo_polluters",
            summary=f"生成模拟重点排污单位 {result.enterprises} 家（演示数据）",
            after={"enterprises": result.enterprises, "listings": result.listings,
                   "enforcements": result.enforcements, "ratings": result.ratings, "seed": seed},
        )  # fmt: skip
    return result


def delete_demo_polluters() -> int:
    """Remove the simulated enterprises (with their listings, records and ratings)."""
    with transaction.atomic():
        simulated = Enterprise.objects.filter(is_simulated=True)
        n = simulated.count()
        if n:
            simulated.delete()
            record_event(
                "polluters.demo_delete",
                "polluter_list",
                "demo",
                actor_label="demo_polluters",
                summary=f"删除模拟重点排污单位 {n} 家",
                before={"enterprises": n},
            )
    return n
