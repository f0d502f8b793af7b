"""The periodic warning digest mailed to the office and the leaders."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from qingshan.accounts.models import Membership
from qingshan.plans.models import Plan

from .status import current_snapshot
from .templatetags.status_tags import status_label
from .warnings import WarningList, warning_list

FROM = "qingshan@localhost"
LIMIT = 40  # per section; the page has the rest


def recipients() -> list[str]:
    users = get_user_model().objects.filter(
        memberships__role__in=[Membership.Role.OFFICE, Membership.Role.LEADER], is_active=True
    )
    return sorted({u.email for u in users if u.email})


def digest_text(plan: Plan, listing: WarningList, site: str) -> tuple[str, str]:
    counts = {k: listing.count(k) for k in ("target", "task", "report")}
    subject = (
        f"【青山】预警摘要（截至 {listing.as_of:%Y-%m-%d}）：目标 {counts['target']} 项、"
        f"任务 {counts['task']} 项、未按期报送 {counts['report']} 个单位"
    )
    lines = [f"《{plan.title}》预警摘要，数据截至 {listing.as_of:%Y年%m月%d日}。", ""]
    for kind, title in (("target", "目标"), ("task", "任务"), ("report", "报送")):
        items = [w for w in listing.items if w.kind == kind]
        if not items:
            continue
        lines.append(f"【{title}】{len(items)} 项")
        for w in items[:LIMIT]:
            units = "、".join(o.name for o in w.units[:3]) + ("等" if len(w.units) > 3 else "")
            lines.append(f"  · [{status_label(w.status)}] {w.title}：{w.reason}（{units}）")
        if len(items) > LIMIT:
            lines.append(f"  ……另有 {len(items) - LIMIT} 项")
        lines.append("")
    lines.append(f"完整清单：{site.rstrip('/')}/indicators/{plan.code}/warnings/")
    return subject, "\n".join(lines)


def send_digest(plan: Plan, as_of: dt.date | None, site: str) -> int:
    to = recipients()
    if not to:
        return 0
    subject, body = digest_text(plan, warning_list(current_snapshot(plan, as_of)), site)
    return send_mail(subject, body, FROM, to)
