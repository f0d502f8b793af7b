"""Indicator values with their provenance, and the statuses judged from them.

Values computed from monitoring data or rolled up from approved reports are derived: a refresh
replaces them, and each keeps a reference to what it came from.  Values the office enters are
its own records: a correction is a new row that supersedes the old one, never an edit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from qingshan.plans.models import Indicator, Org, Plan, Target, Task


class IndicatorValue(models.Model):
    class Source(models.TextChoices):
        DATA = "data", "监测数据计算"
        REPORT = "report", "进展报告（已审核）"
        ENTRY = "entry", "办公室录入"

    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="values"
    )
    # None: the plan's own scope (the city, or the unit group a target names, as a whole).
    scope_org = models.ForeignKey(
        Org, verbose_name="范围", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Reported values belong to the target the unit reported against.
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.CASCADE, related_name="values"
    )
    period = models.CharField("期次", max_length=10)  # "2020" or "2020Q4"
    date = models.DateField("截至日期")  # the end of the period the value describes
    value = models.DecimalField("数值", max_digits=16, decimal_places=4)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    # What produced it: {"kind": "air_year", "scope": "city", "code": "city", "period": "2020"},
    # {"kind": "reports", "reports": [[id, version, org], …]}, {"kind": "entry"}.
    reference = models.JSONField("出处", default=dict)
    edition = models.CharField("标准版本或报告版本", max_length=120, blank=True)
    produced_by = models.CharField("产生者", max_length=100)
    partial = models.BooleanField("年内累计（未满一年）", default=False)
    note = models.TextField("说明", blank=True)
    evidence = models.FileField(
        "佐证材料", upload_to="indicator-evidence/%Y/", max_length=300, blank=True
    )
    evidence_name = models.CharField("佐证文件名", max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "指标数值"
        verbose_name_plural = "指标数值"
        ordering = ["indicator", "date", "id"]
        indexes = [models.Index(fields=["indicator", "scope_org", "date"])]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.period} = {self.value}"


class StatusSnapshot(models.Model):
    """Statuses of every target and task of a plan as of a date, from the inputs of `inputs`.

    `inputs` fingerprints the data and reports they were judged on; a page that finds the
    fingerprint changed refreshes the snapshot before showing it.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="status_snapshots")
    as_of = models.DateField("评估日期")
    inputs = models.CharField(max_length=200)
    computed_at = models.DateTimeField(auto_now=True)
    missing_reports = models.JSONField("未按期报送", default=list)

    class Meta:
        verbose_name = "状态快照"
        verbose_name_plural = "状态快照"
        constraints = [
            models.UniqueConstraint(fields=["plan", "as_of"], name="statussnapshot_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.plan.code} {self.as_of}"


class TargetStatus(models.Model):
    snapshot = models.ForeignKey(
        StatusSnapshot, on_delete=models.CASCADE, related_name="target_statuses"
    )
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=15)
    reason = models.CharField(max_length=300)
    latest_value = models.DecimalField(max_digits=16, decimal_places=4, null=True)
    latest_period = models.CharField(max_length=10, blank=True)
    latest_value_id = models.BigIntegerField(null=True)  # the IndicatorValue judged on
    expected = models.FloatField(null=True)
    ratio = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "target"], name="targetstatus_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.status}"


class TaskStatus(models.Model):
    snapshot = models.ForeignKey(
        StatusSnapshot, on_delete=models.CASCADE, related_name="task_statuses"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=15)
    reason = models.CharField(max_length=300)
    reported_status = models.CharField(max_length=12, blank=True)
    percent = models.PositiveSmallIntegerField(null=True)
    as_of_period = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "task"], name="taskstatus_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.status}"


class ValueRefresh(models.Model):
    """When a plan's derived values were last rebuilt, and from which inputs."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="value_refresh")
    inputs = models.CharField(max_length=200)
    refreshed_at = models.DateTimeField(auto_now=True)
    data_values = models.PositiveIntegerField(default=0)
    report_values = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.plan_id} {self.refreshed_at}"
