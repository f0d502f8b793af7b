"""The simulated list: about 150 enterprises, every one labelled, valid codes, points inside
their districts' shapes, seeded and idempotent, and removable."""

from __future__ import annotations

import io

from django.core.management import call_command

from qingshan.polluters import demo
from qingshan.polluters.coordinates import in_hangzhou
from qingshan.polluters.creditcode import is_valid
from qingshan.polluters.models import CreditRating, EnforcementRecord, Enterprise, Listing


def test_the_demo_list_is_labelled_valid_and_inside_its_districts(hz):
    result = demo.load_demo_polluters()
    assert result.enterprises == demo.COUNT == Enterprise.objects.count()
    enterprises = list(Enterprise.objects.select_related("district"))
    assert all(e.is_simulated and e.name.endswith("（模拟）") for e in enterprises)
    assert all(is_valid(e.credit_code) for e in enterprises)
    assert all(in_hangzhou(e.longitude, e.latitude) for e in enterprises)
    shapes = demo._shapes()
    by_code = {a.code: a for a in demo.AREAS}
    for e in enterprises:
        area = by_code[e.district.code]
        polygons = [p for name, _ in area.shapes for p in shapes[name]]
        assert any(demo._inside(float(e.longitude), float(e.latitude), p) for p in polygons), e
    assert len({e.district.code for e in enterprises}) == len(demo.AREAS)
    assert {"linping", "qiantang"} <= {e.district.code for e in enterprises}
    assert set(Listing.objects.values_list("year", flat=True)) == {2021, 2022}
    assert EnforcementRecord.objects.exists() and CreditRating.objects.exists()
    assert all("模拟" in r.violation for r in EnforcementRecord.objects.all())


def test_the_demo_is_seeded_and_a_second_run_adds_nothing(hz):
    demo.load_demo_polluters()
    codes = set(Enterprise.objects.values_list("credit_code", flat=True))
    out = io.StringIO()
    call_command("demo_polluters", stdout=out)
    assert "already present" in out.getvalue()
    assert set(Enterprise.objects.values_list("credit_code", flat=True)) == codes
    demo.delete_demo_polluters()
    demo.load_demo_polluters()
    assert set(Enterprise.objects.values_list("credit_code", flat=True)) == codes


def test_delete_removes_only_simulated_enterprises(hz, make_enterprise):
    real = make_enterprise(1)
    demo.load_demo_polluters(count=10)
    out = io.StringIO()
    call_command("demo_polluters", "--delete", stdout=out)
    assert "deleted 10" in out.getvalue()
    assert list(Enterprise.objects.all()) == [real]
