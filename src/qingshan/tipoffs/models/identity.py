"""Who reported, and who claims a reward: the only personal data of the app, read by the office
alone.  Nothing outside the office's own pages and export ever joins these tables."""

from django.db import models
from django.utils import timezone

from .cases import Tipoff
from .rewards import Reward


class Identity(models.Model):
    tipoff = models.OneToOneField(Tipoff, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    # A salted hash of the client address: enough to see that several reports came from one
    # place, not enough to recover the address.
    client_hash = models.CharField("来源标识（地址的加盐散列）", max_length=64, blank=True)

    class Meta:
        verbose_name = "举报人信息"
        verbose_name_plural = "举报人信息"

    def __str__(self) -> str:
        return f"{self.tipoff.reference} 举报人"

    @property
    def is_anonymous(self) -> bool:
        return not (self.name or self.phone or self.email)


class RewardClaim(models.Model):
    """The payee's details given when claiming a reward (asked even of anonymous reporters)."""

    reward = models.OneToOneField(Reward, on_delete=models.CASCADE, related_name="claim")
    name = models.CharField("领奖人姓名", max_length=50)
    phone = models.CharField("领奖人电话", max_length=30)
    account = models.CharField("收款方式或账号", max_length=100, blank=True)
    claimed_at = models.DateTimeField("申领时间", default=timezone.now)

    class Meta:
        verbose_name = "奖励申领"
        verbose_name_plural = "奖励申领"

    def __str__(self) -> str:
        return f"{self.reward.tipoff.reference} 申领"
