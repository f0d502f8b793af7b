from django.db import models


class Holiday(models.Model):
    """A day that differs from the ordinary week: a public holiday (放假) falling on a weekday,
    or a weekend day worked in exchange (调休上班).  Published yearly by 国务院办公厅."""

    class Kind(models.TextChoices):
        OFF = "off", "放假"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", unique=True)
    name = models.CharField("节日", max_length=30)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    source = models.CharField("依据", max_length=120, blank=True)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"
