from django.conf import settings
from django.db import models

from qingshan.plans.models import Org


class Membership(models.Model):
    """A person's role in one unit; a person may hold roles in several units."""

    class Role(models.TextChoices):
        REPORTER = "reporter", "填报员"
        APPROVER = "approver", "审核人"
        OFFICE = "office", "办公室"
        LEADER = "leader", "领导"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    org = models.ForeignKey(
        Org, verbose_name="单位", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "单位角色"
        verbose_name_plural = "单位角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.org} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A unit's key for the API.  Only a hash is stored; the key is shown once, at creation."""

    org = models.ForeignKey(
        Org, verbose_name="单位", on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.org} · {self.name}（{self.prefix}…）"
