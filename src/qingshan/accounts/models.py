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
