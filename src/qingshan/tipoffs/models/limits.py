from django.db import models


class RateEvent(models.Model):
    """One counted attempt (a submission, an addition, a failed code lookup).

    Kept in the database so that the limits hold across processes and machines; `key` is a
    salted hash of the client address or the case, never the address itself."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "频率计数"
        verbose_name_plural = "频率计数"
        indexes = [models.Index(fields=["kind", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
