"""Periodic progress reports of the responsible units, their values, evidence and review."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from qingshan.plans.models import Org, Plan, Target, Task


class ReportingPeriod(models.Model):
    class Kind(models.TextChoices):
        MONTH = "month", "月度"
        QUARTER = "quarter", "季度"
        HALF = "half", "半年"
        YEAR = "year", "年度"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField("期次", max_length=20)  # 2020Q4, 2020H1, 2020-07, 2020
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    start = models.DateField("起")
    end = models.DateField("止")
    opens_on = models.DateField("开放填报")
    due_on = models.DateField("截止日期")
    is_open = models.BooleanField("开放中", default=False)

    class Meta:
        verbose_name = "填报期"
        verbose_name_plural = "填报期"
        ordering = ["plan", "start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="period_unique_label")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.kind == self.Kind.QUARTER:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        if self.kind == self.Kind.HALF:
            return f"{self.start.year}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind == self.Kind.MONTH:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年度"


class DeadlineExtension(models.Model):
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="extensions")
    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("延至")
    reason = models.CharField("理由", max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "截止日期延期"
        verbose_name_plural = "截止日期延期"
        constraints = [
            models.UniqueConstraint(fields=["period", "org"], name="extension_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.period.label} {self.org} → {self.due_on}"


class Report(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        APPROVED = "approved", "已通过"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"
        DELAYED = "delayed", "滞后"
        BLOCKED = "blocked", "受阻"

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports")
    org = models.ForeignKey(
        Org, verbose_name="填报单位", on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    state = models.CharField("流程状态", max_length=10, choices=State.choices, default=State.DRAFT)
    status = models.CharField(
        "进展状态", max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(
        "完成比例（%）", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField("工作完成情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下步打算", blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    # Bumped on every save; a save that carries an older number lost a race and is refused.
    row_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "进展报告"
        verbose_name_plural = "进展报告"
        ordering = ["period", "task", "org", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "org", "period", "version"], name="report_unique_version"
            )
        ]
        indexes = [models.Index(fields=["org", "period", "state"])]

    def __str__(self) -> str:
        return f"{self.period.label} 任务{self.task.number} {self.org} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.APPROVED


class ReportValue(models.Model):
    """The cumulative value a unit has reached for one target of the task, as of the period."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="report_values")
    value = models.DecimalField("累计完成值", max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = "填报数值"
        verbose_name_plural = "填报数值"
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="report_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target.code} = {self.value}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to=evidence_path, max_length=300)
    original_name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=20)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def effective_due(period: ReportingPeriod, org: Org) -> dt.date:
    extension = period.extensions.filter(org=org).first()  # type: ignore[attr-defined]
    return extension.due_on if extension else period.due_on
