"""Monitoring networks: air stations and water sections, their data, and derived statistics.

Air data are stored one row per station-hour with the six pollutants as columns (the layout the
networks export, and six times fewer rows than one row per value).  Times are the end of the
hour in UTC, as HJ 663 labels hourly means.  A corrected value replaces the stored one and the
previous value is kept in `Revision`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from qingshan.plans.models import Org

AIR_POLLUTANTS = ("SO2", "NO2", "CO", "O3", "PM10", "PM2.5")
AIR_FIELDS = {"SO2": "so2", "NO2": "no2", "CO": "co", "O3": "o3", "PM10": "pm10", "PM2.5": "pm25"}


class AirStation(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "国控"
        PROVINCIAL = "provincial", "省控"
        DISTRICT = "district", "区县控"

    code = models.CharField("站点编码", max_length=30, unique=True)
    name = models.CharField("站点名称", max_length=100)
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    district = models.ForeignKey(
        Org,
        verbose_name="所在区、县（市）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="air_stations",
    )
    latitude = models.FloatField("纬度")
    longitude = models.FloatField("经度")
    active_from = models.DateField("启用日期")
    active_to = models.DateField("停用日期", null=True, blank=True)
    is_simulated = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "空气监测站"
        verbose_name_plural = "空气监测站"
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class AirHour(models.Model):
    """Hourly means of one station; a null value is a missing hour, `flags` the network's flags.

    The (station, time) unique index serves lookups by station, so the foreign key gets no index
    of its own; the batch is written in the same transaction, so its foreign key is not checked
    by the database on every row (half of a bulk load's commit time on PostgreSQL).
    """

    station = models.ForeignKey(
        AirStation, on_delete=models.CASCADE, related_name="hours", db_index=False
    )
    time = models.DateTimeField("时间（小时末）")
    so2 = models.FloatField(null=True)
    no2 = models.FloatField(null=True)
    co = models.FloatField(null=True)
    o3 = models.FloatField(null=True)
    pm10 = models.FloatField(null=True)
    pm25 = models.FloatField(null=True)
    # Network flags per pollutant ("" = valid; e.g. "H" 有效数据不足, "BB" 连接不良, "MM" 维护).
    flags = models.JSONField(default=dict, blank=True)
    batch = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        verbose_name = "空气小时数据"
        verbose_name_plural = "空气小时数据"
        constraints = [
            models.UniqueConstraint(fields=["station", "time"], name="airhour_unique_station_time")
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.time:%Y-%m-%d %H:%M}"


class WaterSection(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "国控"
        PROVINCIAL = "provincial", "省控"
        CITY = "city", "市控"
        DISTRICT = "district", "区县控"

    class Body(models.TextChoices):
        RIVER = "river", "河流"
        LAKE = "lake", "湖库"

    code = models.CharField("断面编码", max_length=30, unique=True)
    name = models.CharField("断面名称", max_length=100)
    water = models.CharField("所在水体", max_length=100, blank=True)
    water_body = models.CharField("水体类型", max_length=10, choices=Body.choices)
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    target_class = models.CharField("水质目标", max_length=4)  # I … V
    district = models.ForeignKey(
        Org,
        verbose_name="所在区、县（市）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="water_sections",
    )
    is_cross_boundary = models.BooleanField("跨行政区域交接断面", default=False)
    is_drinking_source = models.BooleanField("饮用水水源地", default=False)
    protection_zone = models.CharField("保护区", max_length=100, blank=True)
    latitude = models.FloatField("纬度")
    longitude = models.FloatField("经度")
    active_from = models.DateField("启用日期")
    active_to = models.DateField("停用日期", null=True, blank=True)
    is_simulated = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "水质监测断面"
        verbose_name_plural = "水质监测断面"
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class WaterSample(models.Model):
    """One item of one sample.  `below_detection` keeps 未检出 apart from a measured zero."""

    section = models.ForeignKey(
        WaterSection, on_delete=models.CASCADE, related_name="samples", db_index=False
    )
    time = models.DateTimeField("采样时间")
    item = models.CharField("项目", max_length=20)
    value = models.FloatField("浓度", null=True)
    below_detection = models.BooleanField("未检出", default=False)
    detection_limit = models.FloatField("检出限", null=True, blank=True)
    automatic = models.BooleanField("自动站", default=False)
    batch = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        verbose_name = "水质样品"
        verbose_name_plural = "水质样品"
        constraints = [
            models.UniqueConstraint(
                fields=["section", "time", "item"], name="watersample_unique_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section_id} {self.time:%Y-%m-%d} {self.item}"


class ImportBatch(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", "网页上传"
        CLI = "cli", "命令行"
        API = "api", "接口"
        DEMO = "demo", "演示数据"

    kind = models.CharField("数据类型", max_length=10)  # air | water | stations | sections
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    file_name = models.CharField("文件", max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField("行数", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更正", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_label = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.file_name}"


class Revision(models.Model):
    """A value that a later import corrected: what it was, what it became, and which batch."""

    kind = models.CharField(max_length=10)  # air | water
    key = models.CharField("对象", max_length=120)  # station/section code, time, pollutant/item
    old_value = models.FloatField(null=True)
    old_flag = models.CharField(max_length=20, blank=True)
    new_value = models.FloatField(null=True)
    new_flag = models.CharField(max_length=20, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="revisions")

    class Meta:
        verbose_name = "数据更正记录"
        verbose_name_plural = "数据更正记录"
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.old_value} → {self.new_value}"


# --- derived statistics (recomputed by tasks.py from the data above; never edited by hand) ---


class Scope(models.TextChoices):
    STATION = "station", "站点"
    DISTRICT = "district", "区、县（市）"
    CITY = "city", "全市"


class AirDay(models.Model):
    """Daily values and AQI of a station, a district or the city (HJ 633 / HJ 663)."""

    scope = models.CharField(max_length=10, choices=Scope.choices)
    code = models.CharField(max_length=30)  # station code, district org code, or "city"
    date = models.DateField()
    values = models.JSONField(default=dict)  # pollutant → daily value (O3_8h: daily max 8 h)
    aqi = models.PositiveSmallIntegerField(null=True)
    primary = models.JSONField(default=list)
    level = models.PositiveSmallIntegerField(null=True)  # 1 … 6
    category = models.CharField(max_length=10, blank=True)
    complete = models.BooleanField(default=False)  # all seven daily indices valid

    class Meta:
        verbose_name = "空气日统计"
        verbose_name_plural = "空气日统计"
        constraints = [
            models.UniqueConstraint(fields=["scope", "code", "date"], name="airday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.date} AQI {self.aqi}"


class AirPeriodStat(models.Model):
    """Monthly or annual evaluation under GB 3095 / HJ 663 for one scope."""

    scope = models.CharField(max_length=10, choices=Scope.choices)
    code = models.CharField(max_length=30)
    period = models.CharField(max_length=7)  # "2020" or "2020-07"
    statistics = models.JSONField(default=list)  # rows: pollutant, statistic, value, valid, limits
    valid_days = models.PositiveSmallIntegerField(default=0)
    good_days = models.PositiveSmallIntegerField(default=0)
    good_day_share = models.FloatField(null=True)
    edition = models.CharField(max_length=60, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "空气月/年评价"
        verbose_name_plural = "空气月/年评价"
        constraints = [
            models.UniqueConstraint(fields=["scope", "code", "period"], name="airperiod_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.period}"


class WaterClass(models.Model):
    """A section's class for a month or a year (GB 3838), exceeding items and compliance."""

    section = models.ForeignKey(WaterSection, on_delete=models.CASCADE, related_name="classes")
    period = models.CharField(max_length=7)  # "2020" or "2020-07"
    grade = models.CharField(max_length=4, blank=True)  # I … V, 劣V; "" without data
    exceeding = models.JSONField(default=list)  # [{item, multiple}]
    compliant = models.BooleanField(null=True)
    samples = models.PositiveSmallIntegerField(default=0)
    edition = models.CharField(max_length=60, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "断面水质类别"
        verbose_name_plural = "断面水质类别"
        constraints = [
            models.UniqueConstraint(fields=["section", "period"], name="waterclass_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section_id} {self.period} {self.grade}"
