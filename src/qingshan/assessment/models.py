"""Scoring schemes, assessment runs and the scores they gave.

A scheme is versioned: changing the rules makes a new version.  A run keeps a frozen copy of
every input it scored and is never changed afterwards; the only change it accepts is being
published, once.  Re-running makes a new run that names the one it copies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from qingshan.plans.models import Org, Plan


class Immutable(Exception):
    pass


class AssessmentScheme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="schemes")
    version = models.PositiveSmallIntegerField("版本")
    name = models.CharField("名称", max_length=100)
    rules = models.JSONField("评分规则")
    note = models.TextField("修订说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "考核评分办法"
        verbose_name_plural = "考核评分办法"
        ordering = ["plan", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="scheme_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.name}（第 {self.version} 版）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Immutable("评分办法一经保存不再修改；请另存为新版本")
        super().save(*args, **kwargs)


class AssessmentRun(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度考核"
        FINAL = "final", "终期考核"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessment_runs")
    scheme = models.ForeignKey(
        AssessmentScheme, on_delete=models.PROTECT, related_name="runs", verbose_name="评分办法"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("考核年度")
    start = models.DateField("考核期起")
    end = models.DateField("考核期止")
    copy_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    # Every input the scores were computed from, as it was at the time of the run.
    inputs = models.JSONField("冻结的输入")
    summary = models.JSONField("概况", default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField("用时（秒）", default=0)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "考核批次"
        verbose_name_plural = "考核批次"
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = AssessmentRun.objects.get(pk=self.pk)
            changed = [
                f.attname
                for f in self._meta.concrete_fields
                if getattr(stored, f.attname) != getattr(self, f.attname)
            ]
            publishing = stored.published_at is None and set(changed) <= {
                "published_at",
                "published_by_id",
            }
            if changed and not publishing:
                raise Immutable("考核批次一经生成不再修改；如需重算，请复制为新批次")
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        name = self.plan.short_title or "行动方案"
        if self.kind == self.Kind.FINAL:
            return f"{name}终期考核"
        return f"{name} {self.year} 年度考核"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Score(models.Model):
    class Group(models.TextChoices):
        MUNICIPAL = "municipal", "市级部门和单位"
        DISTRICT = "district", "区、县（市）"

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="scores")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="+")
    org_name = models.CharField("单位", max_length=150)
    group = models.CharField("排名组", max_length=10, choices=Group.choices)
    total = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True)
    rank = models.PositiveSmallIntegerField("名次", null=True)
    grade = models.CharField("等次", max_length=10, blank=True)
    items = models.JSONField("评分明细")  # [{key, label, weight, score, points, explanation, rows}]
    deductions = models.JSONField("扣分明细", default=list)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "考核得分"
        verbose_name_plural = "考核得分"
        ordering = ["run", "group", "rank", "org_name"]
        constraints = [models.UniqueConstraint(fields=["run", "org"], name="score_unique_org")]

    def __str__(self) -> str:
        return f"{self.org_name} {self.total}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Immutable("考核得分不可修改")
        super().save(*args, **kwargs)

    @property
    def deduction_total(self) -> float:
        return round(sum(d["points"] for d in self.deductions), 2)

    def item(self, key: str) -> dict | None:
        return next((i for i in self.items if i["key"] == key), None)
