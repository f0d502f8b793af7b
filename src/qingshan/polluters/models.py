"""The key-polluter registry: enterprises on the yearly 重点排污单位名录, their enforcement
records and environmental credit ratings."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from qingshan.plans.models import Org


class Category(models.TextChoices):
    """The 类别 of the official list: one enterprise can be on several of them."""

    WATER = "water", "水环境"
    AIR = "air", "大气环境"
    SOIL = "soil", "土壤污染"
    NOISE = "noise", "声环境"
    RISK = "risk", "环境风险"


class CoordinateSystem(models.TextChoices):
    # Lists are stored in the system they were published in, never silently shifted; see
    # docs/polluters.md for why the difference (a few hundred metres) matters.
    WGS84 = "wgs84", "WGS-84 / CGCS2000"
    GCJ02 = "gcj02", "GCJ-02（国测局坐标）"


class Enterprise(models.Model):
    name = models.CharField("单位名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    district = models.ForeignKey(
        Org,
        verbose_name="所属区县",
        on_delete=models.PROTECT,
        related_name="polluters",
        limit_choices_to={"kind": Org.Kind.DISTRICT},
    )
    address = models.CharField("地址", max_length=300, blank=True)
    longitude = models.DecimalField("经度", max_digits=10, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=10, decimal_places=6, null=True, blank=True)
    coordinate_system = models.CharField(
        "坐标系", max_length=10, choices=CoordinateSystem.choices, default=CoordinateSystem.WGS84
    )
    industry = models.CharField("行业类别", max_length=100, blank=True)
    permit_number = models.CharField("排污许可证编号", max_length=50, blank=True)
    is_published = models.BooleanField("已公开", default=True)
    is_simulated = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "重点排污单位"
        verbose_name_plural = "重点排污单位"
        ordering = ["district__id", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("polluters:enterprise", args=[self.credit_code])


class Listing(models.Model):
    """One enterprise on one year's list, with the categories that year's list gives it."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="listings"
    )
    year = models.PositiveSmallIntegerField("名录年份", db_index=True)
    # One flag per category rather than a JSON list: filters must work the same on SQLite
    # and PostgreSQL, and the admin shows them as plain checkboxes.
    water = models.BooleanField(Category.WATER.label, default=False)
    air = models.BooleanField(Category.AIR.label, default=False)
    soil = models.BooleanField(Category.SOIL.label, default=False)
    noise = models.BooleanField(Category.NOISE.label, default=False)
    risk = models.BooleanField(Category.RISK.label, default=False)

    class Meta:
        verbose_name = "名录收录"
        verbose_name_plural = "名录收录"
        ordering = ["-year", "enterprise_id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="listing_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.enterprise}"

    @property
    def categories(self) -> list[str]:
        return [c.value for c in Category if getattr(self, c.value)]

    @property
    def category_labels(self) -> list[str]:
        return [c.label for c in Category if getattr(self, c.value)]


class EnforcementRecord(models.Model):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="enforcements"
    )
    date = models.DateField("处罚日期")
    authority = models.CharField("处罚机关", max_length=100)
    decision_number = models.CharField("决定书文号", max_length=100, blank=True)
    violation = models.TextField("违法事实")
    penalty_amount = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    url = models.URLField("公开链接", blank=True)
    text = models.TextField("处罚内容", blank=True)

    class Meta:
        verbose_name = "行政处罚记录"
        verbose_name_plural = "行政处罚记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.date} {self.decision_number}".strip()

    @property
    def penalty_text(self) -> str:
        """The fine as a bureau's decision writes it: 135,000.00."""
        return "" if self.penalty_amount is None else f"{self.penalty_amount:,.2f}"


class CreditRating(models.Model):
    """Zhejiang's 企业环境信用评价: four levels, each shown with its colour card."""

    class Level(models.TextChoices):
        TRUSTWORTHY = "trustworthy", "环保诚信"
        GOOD = "good", "环保良好"
        WARNING = "warning", "环保警示"
        BAD = "bad", "环保不良"

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="单位", on_delete=models.CASCADE, related_name="credit_ratings"
    )
    year = models.PositiveSmallIntegerField("评价年度")
    level = models.CharField("评价等级", max_length=20, choices=Level.choices)
    authority = models.CharField("评价机关", max_length=100, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "环境信用评价"
        verbose_name_plural = "环境信用评价"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="credit_rating_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}：{self.get_level_display()}"
