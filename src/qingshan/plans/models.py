"""The plan as data: units, their lineage, the plan's structure, tasks, indicators and targets."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse


class Org(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "市级部门"
        PARTY = "party", "党委及议事协调机构"
        OFFICE = "office", "办公室"
        COMMITTEE = "committee", "委员会"
        ENTERPRISE = "enterprise", "市属国有企业"
        CENTRAL = "central", "中央在杭单位"
        DISTRICT = "district", "区、县（市）政府和管委会"

    region = models.CharField("地区", max_length=50)
    code = models.SlugField("代码", max_length=50)
    name = models.CharField("简称", max_length=100)
    full_name = models.CharField("全称", max_length=150, blank=True)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    aliases = models.JSONField("别名", default=list, blank=True)
    valid_from = models.DateField("存续起", null=True, blank=True)
    valid_to = models.DateField("存续止", null=True, blank=True)

    class Meta:
        verbose_name = "责任单位"
        verbose_name_plural = "责任单位"
        ordering = ["region", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="org_unique_code_in_region")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_district(self) -> bool:
        return self.kind == self.Kind.DISTRICT

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Succession(models.Model):
    predecessor = models.ForeignKey(
        Org, verbose_name="原单位", on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Org, verbose_name="承继单位", on_delete=models.CASCADE, related_name="predecessions"
    )
    date = models.DateField("生效日期")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "单位承继"
        verbose_name_plural = "单位承继"
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="succession_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}（{self.date}）"


class Plan(models.Model):
    code = models.SlugField("代码", max_length=50, unique=True)
    title = models.CharField("标题", max_length=200)
    short_title = models.CharField("简称", max_length=100, blank=True)
    document_number = models.CharField("文号", max_length=50, blank=True)
    issuer = models.CharField("发文机关", max_length=100, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    start_year = models.PositiveSmallIntegerField("起始年份")
    horizon_year = models.PositiveSmallIntegerField("目标年份")
    region = models.CharField("地区", max_length=50)
    lead_unit = models.ForeignKey(
        Org, verbose_name="牵头组织实施单位", null=True, on_delete=models.PROTECT, related_name="+"
    )
    preamble = models.TextField("前言", blank=True)
    closing = models.TextField("结语", blank=True)
    is_published = models.BooleanField("已公开", default=True)
    loaded_at = models.DateTimeField("最近导入", null=True, blank=True)

    class Meta:
        verbose_name = "行动方案"
        verbose_name_plural = "行动方案"
        ordering = ["-horizon_year", "code"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:overview", args=[self.code])


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField("编号", max_length=20)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField("标题", max_length=200)
    text = models.TextField("原文", blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "方案章节"
        verbose_name_plural = "方案章节"
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="section_unique_code")]

    def __str__(self) -> str:
        return f"{self.label} {self.title}"

    @property
    def depth(self) -> int:
        return self.code.count(".")

    @property
    def label(self) -> str:
        """The plan's own numbering: 三、 / （一） / 1."""
        numerals = "一二三四五六七八九十"
        last = int(self.code.split(".")[-1])
        if self.depth == 0:
            return f"{numerals[last - 1]}、"
        if self.depth == 1:
            return f"（{numerals[last - 1]}）"
        return f"{last}."


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveIntegerField("序号")
    name = models.CharField("项目名称", max_length=200)
    section = models.ForeignKey(
        Section, verbose_name="所属章节", on_delete=models.PROTECT, related_name="tasks"
    )
    content = models.TextField("建设内容和规模")
    responsible_text = models.TextField("责任单位（原文）")
    deadline = models.DateField("完成时限", db_index=True)
    units: models.ManyToManyField[Org, Responsibility] = models.ManyToManyField(
        Org, through="Responsibility", related_name="tasks"
    )

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.plan.code, self.number])


class Responsibility(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "牵头"
        CO = "co", "配合"
        TERRITORIAL = "territorial", "属地负责"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="responsibilities")
    org = models.ForeignKey(
        Org, verbose_name="单位", on_delete=models.PROTECT, related_name="responsibilities"
    )
    role = models.CharField("职责", max_length=20, choices=Role.choices)
    via_group = models.CharField("原文表述", max_length=100, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "任务责任"
        verbose_name_plural = "任务责任"
        ordering = ["task", "order"]
        constraints = [
            models.UniqueConstraint(fields=["task", "org"], name="responsibility_unique_org")
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.org}（{self.get_role_display()}）"


class UnitGroup(models.Model):
    """A phrase of the plan that stands for several units (各区、县（市）政府、管委会, 主城区)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="unit_groups")
    code = models.SlugField("代码", max_length=50)
    phrase = models.CharField("原文表述", max_length=100)
    aliases = models.JSONField("其他表述", default=list, blank=True)
    head = models.ForeignKey(
        Org,
        verbose_name="牵头单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("说明", blank=True)
    members = models.ManyToManyField(Org, verbose_name="成员", related_name="unit_groups")

    class Meta:
        verbose_name = "单位组"
        verbose_name_plural = "单位组"
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unitgroup_unique_code")
        ]

    def __str__(self) -> str:
        return self.phrase


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", "越高越好"
        DECREASE = "decrease", "越低越好"
        NONE = "none", "无方向"

    class Measurement(models.TextChoices):
        COMPUTED = "computed", "监测数据计算"
        REPORTED = "reported", "单位填报"
        ENTERED = "entered", "办公室录入"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField("代码", max_length=80)
    name = models.CharField("名称", max_length=200)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    direction = models.CharField("方向", max_length=10, choices=Direction.choices)
    measurement = models.CharField("数据来源", max_length=10, choices=Measurement.choices)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    class Comparator(models.TextChoices):
        LE = "<=", "不高于"
        GE = ">=", "不低于"
        AT_LEAST = "at_least", "以上"
        GT = ">", "高于"
        EQ = "=", "达到"
        ABOUT = "about", "左右"
        REDUCE_BY = "reduce_by", "比基准年下降"
        NO_INCREASE = "no_increase", "零增长"

    class Frequency(models.TextChoices):
        ONCE = "once", "期限内完成"
        YEARLY = "yearly", "每年"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    code = models.SlugField("代码", max_length=80)
    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.PROTECT, related_name="targets"
    )
    comparator = models.CharField("比较方式", max_length=12, choices=Comparator.choices)
    value = models.DecimalField("目标值", max_digits=14, decimal_places=4)
    unit = models.CharField("单位", max_length=30, blank=True)
    tolerance = models.DecimalField(
        "“左右”容差（%）", max_digits=6, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField("完成时限", db_index=True)
    frequency = models.CharField(
        "频次", max_length=10, choices=Frequency.choices, default=Frequency.ONCE
    )
    scope_org = models.ForeignKey(
        Org,
        verbose_name="范围（单位）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    scope_group = models.ForeignKey(
        UnitGroup,
        verbose_name="范围（单位组）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    baseline_year = models.PositiveSmallIntegerField("基准年", null=True, blank=True)
    baseline_value = models.DecimalField(
        "基准值", max_digits=14, decimal_places=4, null=True, blank=True
    )
    goal = models.ForeignKey(
        Section,
        verbose_name="所属主要目标",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goal_targets",
    )
    task = models.ForeignKey(
        Task,
        verbose_name="所属任务",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="所在章节",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="section_targets",
    )
    source_text = models.TextField("原文")
    also_in = models.JSONField("其他出处", default=list, blank=True)
    value_note = models.CharField("取值说明", max_length=200, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "目标"
        verbose_name_plural = "目标"
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="target_unique_code")]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.display_value}"

    @property
    def scope_label(self) -> str:
        if self.scope_org_id:
            return self.scope_org.name  # type: ignore[union-attr]
        if self.scope_group_id:
            return self.scope_group.phrase  # type: ignore[union-attr]
        return "全市"

    @property
    def display_value(self) -> str:
        from .formatting import format_target_value

        return format_target_value(self)


class UnquantifiedNumber(models.Model):
    """A number in the plan's text that is not a commitment, kept with the reason."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="unquantified_numbers")
    text = models.TextField("原文")
    reason = models.CharField("原因", max_length=200)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "非目标数字"
        verbose_name_plural = "非目标数字"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.text
