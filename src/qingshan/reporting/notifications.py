"""Mail to the units: a returned report at once, overdue reports by the reminder command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from qingshan.accounts.models import Membership

if TYPE_CHECKING:
    from qingshan.plans.models import Org

    from .models import Report

FROM = "qingshan@localhost"


def unit_addresses(org: Org, roles: Iterable[str] = ("reporter", "approver")) -> list[str]:
    users = get_user_model().objects.filter(
        memberships__org=org, memberships__role__in=list(roles), is_active=True
    )
    return sorted({u.email for u in users if u.email})


def notify_returned(report: Report) -> int:
    recipients = unit_addresses(report.org)
    if not recipients:
        return 0
    subject = f"【青山】报告被退回：{report.period.title} 任务{report.task.number}"
    body = (
        f"{report.org.name}：\n\n"
        f"您单位填报的《{report.task.number}. {report.task.name}》{report.period.title}进展报告已被退回。\n"
        f"审核意见：{report.review_comment}\n\n请修改后重新提交。"
    )
    return send_mail(subject, body, FROM, recipients)


def notify_overdue(org: Org, items: list[str], today: dt.date) -> int:
    recipients = unit_addresses(org, roles=(Membership.Role.REPORTER, Membership.Role.APPROVER))
    if not recipients or not items:
        return 0
    subject = f"【青山】{org.name}有 {len(items)} 项进展报告逾期未报"
    body = (
        f"{org.name}：\n\n截至 {today:%Y年%m月%d日}，以下报告已过截止日期仍未提交：\n\n"
        + "\n".join(f"  · {line}" for line in items)
    )
    return send_mail(subject, body, FROM, recipients)
