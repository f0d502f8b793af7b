from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from qingshan.plans.models import Org
from qingshan.polluters.models import Enterprise


class Category(models.TextChoices):
    WASTE_WATER = "waste_water", "废水"
    EXHAUST = "exhaust", "废气"
    DUST = "dust", "扬尘"
    ODOUR = "odour", "异味"
    NOISE = "noise", "噪声"
    SOLID_WASTE = "solid_waste", "固体废物"
    OTHER = "other", "其他"


class Finding(models.TextChoices):
    CONFIRMED = "confirmed", "查实"
    PARTLY = "partly", "部分查实"
    UNFOUNDED = "unfounded", "不属实"


class Tipoff(models.Model):
    """A report of a suspected violation.

    What the reporter wrote is kept as written (`description`, `address`); the unit handling
    the case and the public only ever see the versions the office moderated (`shown_*`,
    `public_outcome`).  Who reported lives in `Identity`, which only the office reads."""

    class Status(models.TextChoices):
        NEW = "new", "待受理"
        REJECTED = "rejected", "不予受理"
        DUPLICATE = "duplicate", "重复举报"
        ASSIGNED = "assigned", "办理中"
        ANSWERED = "answered", "待办结"
        CLOSED = "closed", "已办结"

    class Location(models.TextChoices):
        EXACT = "exact", "公开精确位置"
        APPROXIMATE = "approximate", "公开大致位置（约 1 公里）"
        DISTRICT = "district", "只公开所在区县"

    category = models.CharField("类别", max_length=20, choices=Category.choices)
    description = models.TextField("举报内容（原文）")
    address = models.CharField("地点描述（原文）", max_length=300, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    district = models.ForeignKey(
        Org,
        verbose_name="所在区县",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tipoffs_located",
    )
    occurred_at = models.DateTimeField("发现时间")
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="涉及企业",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tipoffs",
    )
    code_hash = models.CharField(max_length=64, unique=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    # Triage
    reject_reason = models.TextField("不予受理理由", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="重复于",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    assigned_org = models.ForeignKey(
        Org,
        verbose_name="承办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tipoffs_assigned",
    )
    assigned_at = models.DateTimeField("交办时间", null=True, blank=True)
    working_days = models.PositiveSmallIntegerField("办理时限（工作日）", null=True, blank=True)
    deadline = models.DateField("办理期限", null=True, blank=True)
    instructions = models.TextField("交办意见", blank=True)
    returned_reason = models.TextField("退回意见", blank=True)
    # What the unit and the public see, edited by the office
    shown_description = models.TextField("经审核的举报内容", blank=True)
    shown_address = models.CharField("经审核的地点描述", max_length=300, blank=True)
    # Closing
    public_outcome = models.TextField("公开的办理结果", blank=True)
    location_shown = models.CharField(
        "公开位置", max_length=20, choices=Location.choices, default=Location.APPROXIMATE
    )
    is_published = models.BooleanField("公开", default=False)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    is_simulated = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "违法行为举报"
        verbose_name_plural = "违法行为举报"
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_category_display()}"

    @property
    def reference(self) -> str:
        """The case number shown to everyone; it reveals nothing but the order of arrival."""
        return f"JB{self.pk:06d}" if self.pk else "JB——"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == self.Status.ASSIGNED
            and self.deadline is not None
            and timezone.localdate() > self.deadline
        )

    @property
    def has_point(self) -> bool:
        return self.longitude is not None and self.latitude is not None

    @property
    def root(self) -> Tipoff:
        """The case a duplicate was merged into (itself when it is not a duplicate)."""
        return self.duplicate_of if self.duplicate_of_id else self  # type: ignore[return-value]


class Addition(models.Model):
    """More information the reporter added through the tracking code.

    The unit sees it only once the office has released it (possibly edited)."""

    tipoff = models.ForeignKey(Tipoff, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField("补充内容（原文）", blank=True)
    added_at = models.DateTimeField("补充时间", default=timezone.now)
    released_text = models.TextField("转交承办单位的内容", blank=True)
    released_at = models.DateTimeField("转交时间", null=True, blank=True)

    class Meta:
        verbose_name = "补充材料"
        verbose_name_plural = "补充材料"
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.tipoff.reference} 补充 {self.added_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A photo or video.  `original` is the file as received (office only); `shown` is the copy
    with every piece of metadata removed, the only one anybody else is served."""

    class Kind(models.TextChoices):
        PHOTO = "photo", "照片"
        VIDEO = "video", "视频"

    tipoff = models.ForeignKey(Tipoff, on_delete=models.CASCADE, related_name="attachments")
    addition = models.ForeignKey(
        Addition, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    original = models.FileField("原始文件", max_length=300)
    shown = models.FileField("去除元数据的文件", max_length=300)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("原始文件 SHA-256", max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    is_hidden = models.BooleanField("不向承办单位展示", default=False)

    class Meta:
        verbose_name = "照片和视频"
        verbose_name_plural = "照片和视频"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.tipoff.reference} {self.get_kind_display()} {self.pk}"


class Investigation(models.Model):
    """What the assigned unit found and did."""

    tipoff = models.OneToOneField(Tipoff, on_delete=models.CASCADE, related_name="investigation")
    org = models.ForeignKey(Org, verbose_name="承办单位", on_delete=models.PROTECT)
    finding = models.CharField("核查结论", max_length=20, choices=Finding.choices)
    process = models.TextField("调查核实情况")
    measures = models.TextField("采取的措施", blank=True)
    penalty_number = models.CharField("行政处罚决定书文号", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("反馈时间", default=timezone.now)

    class Meta:
        verbose_name = "调查处理结果"
        verbose_name_plural = "调查处理结果"

    def __str__(self) -> str:
        return f"{self.tipoff.reference} {self.get_finding_display()}"

    @property
    def is_verified(self) -> bool:
        return self.finding in (Finding.CONFIRMED, Finding.PARTLY)

    def answered_late(self, deadline: dt.date | None) -> bool:
        return deadline is not None and timezone.localdate(self.recorded_at) > deadline
