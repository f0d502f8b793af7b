"""Demo accounts: one per role, in a municipal department and in a district.

Only for local trial use; the password comes from QINGSHAN_DEMO_PASSWORD when set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from qingshan.audit.services import record_event
from qingshan.plans.models import Org

from .models import Membership

DEFAULT_DEMO_PASSWORD = "qingshan-demo-2019"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    org_code: str
    role: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "系统管理员", "mlhzb", "office", is_staff=True, is_superuser=True),
    DemoAccount("office", "美丽杭州办 王科长", "mlhzb", "office", is_staff=True),
    DemoAccount("leader", "市领导 李主任", "wyh", "leader"),
    DemoAccount("lsj_reporter", "市林水局 填报员", "lsj", "reporter"),
    DemoAccount("lsj_approver", "市林水局 审核人", "lsj", "approver"),
    DemoAccount("sthjj_reporter", "市生态环境局 填报员", "sthjj", "reporter"),
    DemoAccount("sthjj_approver", "市生态环境局 审核人", "sthjj", "approver"),
    DemoAccount("xihu_reporter", "西湖区 填报员", "xihu", "reporter"),
    DemoAccount("xihu_approver", "西湖区 审核人", "xihu", "approver"),
    DemoAccount("shangcheng_reporter", "上城区 填报员", "shangcheng", "reporter"),
]


def demo_password() -> str:
    return os.environ.get("QINGSHAN_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)


@transaction.atomic
def create_demo_accounts(region: str = "杭州市") -> list[DemoAccount]:
    User = get_user_model()
    password = demo_password()
    created = []
    for account in DEMO_ACCOUNTS:
        org = Org.objects.get(region=region, code=account.org_code)
        user, was_created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.display_name,
                "is_staff": account.is_staff,
                "is_superuser": account.is_superuser,
            },
        )
        if was_created:
            user.set_password(password)
            user.save()
            created.append(account)
        _, new_role = Membership.objects.get_or_create(user=user, org=org, role=account.role)
        if was_created or new_role:
            record_event(
                "account.demo",
                "user",
                user.username,
                actor_label="demo",
                summary=f"演示账号 {account.display_name}",
                after={"org": org.code, "role": account.role},
            )
    return created
