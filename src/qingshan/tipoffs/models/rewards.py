from __future__ import annotations

from django.conf import settings
from django.db import models

from .cases import Category, Tipoff


class Severity(models.TextChoices):
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "较重"
    MAJOR = "major", "重大"


class RewardRule(models.Model):
    """The amount a verified report earns, by category and severity, for a period of time.

    A case is judged under the rule in force on the day it was submitted."""

    category = models.CharField("举报类别", max_length=20, choices=Category.choices)
    severity = models.CharField("违法情节", max_length=20, choices=Severity.choices)
    amount = models.DecimalField("奖励金额（元）", max_digits=10, decimal_places=2)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)
    note = models.CharField("依据或说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "奖励标准"
        verbose_name_plural = "奖励标准"
        ordering = ["category", "severity", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.get_severity_display()} · {self.amount} 元"


class Reward(models.Model):
    """The office's decision on a case: granted (with the amount) or refused (with why), then
    the claim and the payout."""

    class Method(models.TextChoices):
        BANK = "bank", "银行转账"
        WECHAT = "wechat", "微信"
        ALIPAY = "alipay", "支付宝"
        CASH = "cash", "现金"

    tipoff = models.OneToOneField(Tipoff, on_delete=models.CASCADE, related_name="reward")
    granted = models.BooleanField("给予奖励")
    severity = models.CharField("违法情节", max_length=20, choices=Severity.choices, blank=True)
    rule = models.ForeignKey(
        RewardRule, verbose_name="适用标准", null=True, blank=True, on_delete=models.PROTECT
    )
    proposed_amount = models.DecimalField(
        "标准金额（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField("奖励金额（元）", max_digits=10, decimal_places=2, null=True)
    override_reason = models.TextField("调整金额的理由", blank=True)
    reason = models.TextField("决定说明（举报人可见）", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("决定时间")
    paid_on = models.DateField("发放日期", null=True, blank=True)
    method = models.CharField("发放方式", max_length=20, choices=Method.choices, blank=True)
    payout_reference = models.CharField("发放凭证号", max_length=100, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "奖励决定"
        verbose_name_plural = "奖励决定"

    def __str__(self) -> str:
        decision = f"奖励 {self.amount} 元" if self.granted else "不予奖励"
        return f"{self.tipoff.reference} {decision}"

    @property
    def stage(self) -> str:
        if not self.granted:
            return "refused"
        if self.paid_on:
            return "paid"
        if hasattr(self, "claim"):
            return "claimed"
        return "awaiting_claim"

    @property
    def stage_label(self) -> str:
        return {
            "refused": "不予奖励",
            "awaiting_claim": "待申领",
            "claimed": "已申领，待发放",
            "paid": "已发放",
        }[self.stage]
