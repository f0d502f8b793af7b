"""SIMULATED violation reports for demonstrations: three dozen cases over the last two months in
every state of the workflow (new, rejected, merged, assigned, overdue, answered, closed, and
rewards decided, claimed and paid), plus the published holiday calendar and an example reward
table.

Everything goes through the same services as real reports.  The cases are flagged
`is_simulated` (the pages show 演示数据（模拟）), their texts end with （演示数据，模拟生成）,
their contact details are invented and their photos are drawn by Pillow.  Afterwards the dates
are moved back so that deadlines and overdue cases look like a working office's; the audit
trail keeps the real time the demo was loaded.  Seeded: the same cases every time.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from qingshan.accounts.models import Membership
from qingshan.audit.services import record_event
from qingshan.plans.models import Org
from qingshan.polluters.models import Enterprise
from qingshan.reporting.permissions import Actor, actor_for

from .geo import district_name_at
from .models import Category, Finding, Investigation, Reward, RewardRule, Severity, Tipoff
from .services import calendar, handling, rewards, triage
from .services.submission import NewReport, submit_tipoff
from .workdays import add_working_days, calendar_for

SEED = 20261129
SIMULATED = "（演示数据，模拟生成）"
RULE_NOTE = "示例标准（演示用，请按本市奖励办法修改）"

# Example amounts in yuan: (一般, 较重, 重大).  Invented for the demo, not any city's scale.
EXAMPLE_RULES = {
    Category.WASTE_WATER: (500, 2000, 10000),
    Category.EXHAUST: (500, 2000, 10000),
    Category.SOLID_WASTE: (500, 2000, 10000),
    Category.DUST: (200, 1000, 5000),
    Category.ODOUR: (200, 1000, 5000),
    Category.NOISE: (200, 500, 2000),
    Category.OTHER: (200, 500, 2000),
}

# Places by district: a centre (inside the district's shape of the vendored map) and a
# description of the kind of place.
PLACES = [
    ("xihu", 120.085, 30.245, "转塘街道某工地东侧"),
    ("xihu", 120.120, 30.285, "文三路附近小区南门"),
    ("xihu", 120.070, 30.190, "双浦镇某河道排口"),
    ("binjiang", 120.190, 30.195, "浦沿街道某厂区围墙外"),
    ("xiaoshan", 120.270, 30.160, "某工业园区 3 号厂房后"),
    ("xiaoshan", 120.400, 30.230, "瓜沥镇某印染厂附近"),
    ("yuhang", 120.050, 30.400, "良渚街道某搅拌站"),
    ("yuhang", 120.300, 30.420, "临平某开发区河道"),
    ("gongshu", 120.140, 30.320, "运河边某码头"),
    ("shangcheng", 120.200, 30.260, "某商业综合体后巷"),
    ("fuyang", 119.960, 30.050, "富春街道某造纸厂"),
    ("linan", 119.720, 30.230, "锦城街道某建材厂"),
    ("tonglu", 119.690, 29.800, "某石料厂运输道路"),
    ("jiande", 119.280, 29.480, "某化工园区"),
]

TEXTS = {
    Category.WASTE_WATER: "排污口流出颜色发黑的污水，水面有泡沫，气味刺鼻，河道下游已发黄。",
    Category.EXHAUST: "烟囱夜间排放黄色浓烟，周边能闻到刺激性气味，白天基本不冒烟。",
    Category.DUST: "工地裸土未覆盖，运输车辆未冲洗上路，风一吹扬尘很大。",
    Category.ODOUR: "厂区附近傍晚有明显的化工异味，持续一两个小时，居民开窗就能闻到。",
    Category.NOISE: "夜间 23 点以后仍在施工，打桩声很大，影响附近居民休息。",
    Category.SOLID_WASTE: "空地上倾倒了大量建筑垃圾和疑似工业废渣，有刺鼻气味。",
    Category.OTHER: "河边疑似有人非法捕捞、倾倒不明液体。",
}
OUTCOMES = {
    Finding.CONFIRMED: "经属地调查核实，举报情况属实。已责令停止违法行为、限期整改，并依法立案处罚。",
    Finding.PARTLY: "经属地调查核实，举报情况部分属实。已责令整改，整改情况将持续跟踪。",
    Finding.UNFOUNDED: "经属地多次现场检查，未发现举报所述情况，暂不属实。将加强日常巡查。",
}
# How many days ago cases of each state came in.
AGES = {"closed": (35, 60), "answered": (10, 25), "assigned": (1, 12), "overdue": (30, 45),
        "duplicate": (1, 12), "rejected": (3, 20), "new": (0, 3)}  # fmt: skip
# The workflow states in the order the cases are made: (state, how many).
PLAN = [
    ("closed_paid", 2),
    ("closed_claimed", 2),
    ("closed_awaiting", 2),
    ("closed_unfounded", 2),
    ("closed_undecided", 2),
    ("answered", 5),
    ("assigned", 6),
    ("overdue", 2),
    ("duplicate", 3),
    ("rejected", 3),
    ("new", 8),
]


@dataclass
class Made:
    tipoff: Tipoff
    code: str
    state: str


def photo(rng: random.Random, label: str) -> SimpleUploadedFile:
    """A drawn stand-in for a phone photo: a sky, a ground, a chimney or a pipe, a caption."""
    image = Image.new("RGB", (960, 720), (rng.randint(150, 200), rng.randint(180, 210), 230))
    draw = ImageDraw.Draw(image)
    ground = rng.randint(420, 520)
    draw.rectangle([0, ground, 960, 720], fill=(rng.randint(80, 120), rng.randint(90, 130), 70))
    x = rng.randint(200, 700)
    draw.rectangle([x, ground - 320, x + 60, ground], fill=(120, 110, 100))
    for i in range(6):
        r = 30 + i * 18
        shade = 90 + i * 20
        draw.ellipse([x - r + i * 25, ground - 360 - i * 45 - r, x + r + i * 25, ground - 360 - i * 45 + r],
                     fill=(shade, shade, shade - 10))  # fmt: skip
    draw.rectangle([0, 680, 960, 720], fill=(0, 0, 0))
    draw.text((12, 690), f"DEMO / SIMULATED  {label}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"{label}.jpg", out.getvalue(), content_type="image/jpeg")


@transaction.atomic
def ensure_reward_rules() -> int:
    """Add the example table when the office has no rule at all yet."""
    if RewardRule.objects.exists():
        return 0
    made = 0
    for category, amounts in EXAMPLE_RULES.items():
        for severity, amount in zip(Severity.values, amounts, strict=True):
            RewardRule.objects.create(
                category=category,
                severity=severity,
                amount=Decimal(amount),
                valid_from=dt.date(2019, 1, 1),
                note=RULE_NOTE,
            )
            made += 1
    record_event(
        "reward_rule.demo",
        "reward_rule",
        "example",
        actor_label="demo",
        summary=f"载入示例奖励标准 {made} 条（演示用）",
        after={k: list(v) for k, v in EXAMPLE_RULES.items()},
    )
    return made


def _point(rng: random.Random, lon: float, lat: float) -> tuple[Decimal, Decimal]:
    name = None
    for _ in range(50):
        x = lon + rng.uniform(-0.012, 0.012)
        y = lat + rng.uniform(-0.010, 0.010)
        name = district_name_at(x, y)
        if name is not None:
            break
    q = Decimal("0.000001")
    return Decimal(x).quantize(q), Decimal(y).quantize(q)


def _enterprise_near(district: str) -> Enterprise | None:
    return (
        Enterprise.objects.filter(
            is_published=True, district__code=district, longitude__isnull=False
        )
        .order_by("id")
        .first()
    )


def _submit(
    rng: random.Random, region: str, n: int, when: dt.datetime, **override: Any
) -> tuple[Tipoff, str]:
    district, lon, lat, place = override.pop("place", rng.choice(PLACES))
    category = override.pop("category", rng.choice(Category.values))
    point = override.pop("point", None) or _point(rng, lon, lat)
    enterprise = override.pop("enterprise", None)
    if enterprise is None and rng.random() < 0.3:
        enterprise = _enterprise_near(district)
    named = rng.random() < 0.5
    photos = [photo(rng, f"JB-demo-{n}-{i}") for i in range(rng.choice((0, 1, 1, 2)))]
    tipoff, code = submit_tipoff(
        NewReport(
            category=category,
            description=f"{place}：{TEXTS[Category(category)]}{SIMULATED}",
            occurred_at=when - dt.timedelta(hours=rng.randint(1, 20)),
            longitude=point[0],
            latitude=point[1],
            address=f"{place}（演示地址）",
            enterprise=enterprise,
            name=f"演示举报人{n:02d}" if named else "",
            phone=f"1380000{n:04d}" if named else "",
            email="",
        ),
        photos,
        [],
        f"demo-client-{n}",
        region,
    )
    Tipoff.objects.filter(pk=tipoff.pk).update(is_simulated=True, submitted_at=when)
    tipoff.refresh_from_db()
    return tipoff, code


def _assign(
    office: Actor, tipoff: Tipoff, rng: random.Random, when: dt.datetime, days: int, region: str
) -> None:
    # Odour often needs the environment bureau's monitoring rather than the district's.
    department = Org.objects.get(code="sthjj", region=region)
    org = tipoff.district or department
    if tipoff.category == Category.ODOUR and rng.random() < 0.5:
        org = department
    triage.assign(
        office,
        tipoff,
        org,
        days,
        tipoff.description.replace("（演示地址）", ""),
        tipoff.address.replace("（演示地址）", ""),
        "请依法调查处理，并在期限内反馈。",
    )
    start = timezone.localdate(when)
    deadline = add_working_days(start, days, calendar_for(start, start + dt.timedelta(days=90)))
    Tipoff.objects.filter(pk=tipoff.pk).update(assigned_at=when, deadline=deadline)
    tipoff.refresh_from_db()


def _unit_person(tipoff: Tipoff, office_user: Any) -> Actor:
    """Somebody of the assigned unit to record its result: its demo account where there is
    one, else a stand-in acting in that unit's name (labelled as such in the audit trail)."""
    member = (
        Membership.objects.filter(org=tipoff.assigned_org, role__in=["reporter", "approver"])
        .select_related("user")
        .first()
    )
    if member is not None:
        return actor_for(member.user)
    return Actor(
        user=office_user,
        roles={tipoff.assigned_org_id: {Membership.Role.REPORTER}},  # type: ignore[dict-item]
        label=f"{tipoff.assigned_org}（演示）",
    )


def _investigate(tipoff: Tipoff, finding: str, when: dt.datetime, office_user: Any) -> None:
    handling.record_investigation(
        _unit_person(tipoff, office_user),
        tipoff,
        finding,
        f"接到交办后组织执法人员现场检查。{OUTCOMES[Finding(finding)]}{SIMULATED}",
        "责令停止违法行为，限期整改。" if finding != Finding.UNFOUNDED else "",
        f"杭环罚〔{when.year}〕{tipoff.pk}号（演示）" if finding == Finding.CONFIRMED else "",
    )
    Investigation.objects.filter(tipoff=tipoff).update(recorded_at=when)


def _close(
    office: Actor, tipoff: Tipoff, finding: str, when: dt.datetime, rng: random.Random
) -> None:
    handling.close(
        office,
        tipoff,
        tipoff.shown_description,
        f"{OUTCOMES[Finding(finding)]}{SIMULATED}",
        rng.choice(["approximate", "approximate", "exact", "district"]),
        True,
    )
    Tipoff.objects.filter(pk=tipoff.pk).update(closed_at=when)
    tipoff.refresh_from_db()


@transaction.atomic
def create_demo_tipoffs(office_user: Any, region: str = "杭州市") -> list[Made]:
    """Make the demo cases (only when there are none yet); returns what was made."""
    if Tipoff.objects.filter(is_simulated=True).exists():
        return []
    office = actor_for(office_user)
    rng = random.Random(SEED)
    now = timezone.now()
    made: list[Made] = []
    handled: list[Tipoff] = []
    n = 0
    for state, count in PLAN:
        for _ in range(count):
            n += 1
            low, high = AGES[state.split("_")[0]]
            age = rng.randint(low, high)
            when = now - dt.timedelta(days=age, hours=rng.randint(0, 10))
            place = (
                PLACES[0] if n % 4 == 0 else rng.choice(PLACES)
            )  # 西湖区 has cases in every state
            if state == "duplicate" and handled:
                # The same matter reported again nearby; the first of these came in a few
                # hours *before* the case it is merged into, and so wins that matter's reward.
                dups = sum(1 for m in made if m.state == "duplicate")
                original = handled[dups % len(handled)]
                shift = dt.timedelta(hours=-3 if dups == 0 else 5 + dups)
                near = (
                    original.longitude + Decimal("0.0003"),  # type: ignore[operator]
                    original.latitude,
                )
                tipoff, code = _submit(
                    rng, region, n, original.submitted_at + shift,
                    place=place, category=original.category, point=near,
                )  # fmt: skip
                triage.mark_duplicate(office, tipoff, original)
            else:
                tipoff, code = _submit(rng, region, n, when, place=place)
            if state == "rejected":
                triage.reject(
                    office,
                    tipoff,
                    f"反映的问题不属于环境违法行为，已告知向相关部门反映。{SIMULATED}",
                )
            elif state not in ("new", "duplicate"):
                days = 10 if state == "overdue" else 15
                _assign(office, tipoff, rng, when + dt.timedelta(hours=20), days, region)
                if state in ("closed_undecided", "answered", "assigned"):
                    handled.append(tipoff)  # later reports of the same matter join these
                if state.startswith("closed") or state == "answered":
                    finding = {
                        "closed_unfounded": Finding.UNFOUNDED,
                        "answered": rng.choice([Finding.CONFIRMED, Finding.PARTLY]),
                    }.get(state, Finding.CONFIRMED)
                    _investigate(
                        tipoff, finding, when + dt.timedelta(days=rng.randint(5, 12)), office_user
                    )
                    if state.startswith("closed"):
                        _close(office, tipoff, finding, when + dt.timedelta(days=16), rng)
                        _reward(office, tipoff, state, when + dt.timedelta(days=18), rng)
            made.append(Made(Tipoff.objects.get(pk=tipoff.pk), code, state))
    return made


def _reward(
    office: Actor, tipoff: Tipoff, state: str, when: dt.datetime, rng: random.Random
) -> None:
    if state == "closed_undecided":
        return
    if state == "closed_unfounded":
        rewards.decide_reward(
            office, tipoff, grant=False, reason=f"经核查举报内容不属实，不予奖励。{SIMULATED}"
        )
    else:
        rewards.decide_reward(
            office, tipoff, grant=True, severity=rng.choice([Severity.ORDINARY, Severity.SERIOUS])
        )
        winner = Reward.objects.get(tipoff__in=rewards.duplicate_group(tipoff), granted=True)
        if state in ("closed_claimed", "closed_paid"):
            rewards.claim_reward(
                winner.tipoff, f"演示领奖人{winner.tipoff.pk:02d}", f"1390000{winner.tipoff.pk:04d}"
            )
        if state == "closed_paid":
            rewards.record_payout(
                office, winner, timezone.localdate(), "bank", f"DEMO-{winner.tipoff.pk:05d}"
            )
    Reward.objects.filter(tipoff__in=rewards.duplicate_group(tipoff)).update(decided_at=when)


def load_demo(office_user: Any, region: str = "杭州市") -> tuple[tuple[int, int], int, list[Made]]:
    """Holidays, example reward rules and the demo cases; each part only when missing."""
    holidays = calendar.load_published_holidays(actor_label="demo")
    rules = ensure_reward_rules()
    return holidays, rules, create_demo_tipoffs(office_user, region)
