"""Fixtures for violation reports: people, photos made with Pillow, and cases in each state
made through the services (never by writing rows directly)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from qingshan.plans.models import Org
from qingshan.reporting.permissions import actor_for
from qingshan.tipoffs.models import Category, Finding, RewardRule, Severity
from qingshan.tipoffs.services import handling, rewards, triage
from qingshan.tipoffs.services.submission import NewReport, submit_tipoff

# 西湖区, by the West Lake (inside the 西湖区 shape of the vendored map).
XIHU_POINT = (Decimal("120.130000"), Decimal("30.250000"))
REPORTER_NAME = "张举报"
REPORTER_PHONE = "13900001234"
REPORTER_EMAIL = "zhang.jubao@example.cn"


def person(username: str):
    return get_user_model().objects.get(username=username)


def actor(username: str):
    return actor_for(person(username))


def jpeg_with_gps(size=(800, 600), colour=(40, 120, 60)) -> bytes:
    """A JPEG carrying EXIF with a GPS position (30°15'N 120°08'E), a camera model and a
    rotation tag, as phones write them."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "QingshanPhone"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (30.0, 15.0, 0.0)
    gps[3] = "E"
    gps[4] = (120.0, 8.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png_bytes(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 128)).save(out, "PNG")
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def org(hz):
    return lambda code: Org.objects.get(region=hz.region, code=code)


@pytest.fixture
def report(hz):
    """Files a report through the service; returns (case, tracking code)."""
    counter = iter(range(1, 10_000))

    def submit(
        *,
        point=XIHU_POINT,
        occurred_at=None,
        description="河边排污口流出黑色污水，有刺鼻气味。",
        category=Category.WASTE_WATER,
        photos=(),
        videos=(),
        client=None,
        named=True,
        **extra,
    ):
        data = NewReport(
            category=category,
            description=description,
            occurred_at=occurred_at or timezone.now() - dt.timedelta(hours=2),
            longitude=point[0] if point else None,
            latitude=point[1] if point else None,
            address=extra.pop("address", "西湖区某某路 1 号旁"),
            name=REPORTER_NAME if named else "",
            phone=REPORTER_PHONE if named else "",
            email=REPORTER_EMAIL if named else "",
            **extra,
        )
        return submit_tipoff(
            data, list(photos), list(videos), client or f"client-{next(counter)}", hz.region
        )

    return submit


@pytest.fixture
def assigned(report, org):
    """A named report with a photo, assigned to 西湖区 with 10 working days."""

    def make(**kwargs):
        kwargs.setdefault("photos", [upload("现场.jpg", jpeg_with_gps())])
        tipoff, code = report(**kwargs)
        triage.assign(
            actor("office"),
            tipoff,
            org("xihu"),
            10,
            "某河段排污口流出黑色污水。",
            "西湖区某河段",
        )
        return tipoff, code

    return make


@pytest.fixture
def closed(assigned):
    """A case investigated by 西湖区 (查实) and closed with a published outcome."""

    def make(finding=Finding.CONFIRMED, **kwargs):
        tipoff, code = assigned(**kwargs)
        handling.record_investigation(
            actor("xihu_reporter"), tipoff, finding, "现场核查发现排污口直排。", "责令停止排放。"
        )
        handling.close(
            actor("office"),
            tipoff,
            "某河段排污口流出黑色污水。",
            "经西湖区查实，责令企业停止排放并立案处罚。",
            "approximate",
            True,
        )
        return tipoff, code

    return make


@pytest.fixture
def rules(hz):
    made = [
        RewardRule.objects.create(
            category=Category.WASTE_WATER,
            severity=s,
            amount=Decimal(a),
            valid_from=dt.date(2019, 1, 1),
        )
        for s, a in (
            (Severity.ORDINARY, "500"),
            (Severity.SERIOUS, "2000"),
            (Severity.MAJOR, "10000"),
        )
    ]
    return made


@pytest.fixture
def rewarded(closed, rules):
    def make(**kwargs):
        tipoff, code = closed(**kwargs)
        rewards.decide_reward(actor("office"), tipoff, grant=True, severity=Severity.SERIOUS)
        return tipoff, code

    return make
