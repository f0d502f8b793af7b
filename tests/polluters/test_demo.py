"""The simulated list: about 150 enterprises, every one labelled, valid codes, points inside
their districts' shapes, seeded and idempotent, and removable."""

from __future__ import annotations

import io

from django.core.management import call_command

from qingshan.polluters import demo
from qingshan.polluters.coordinates import in_hangzhou
from qingshan.polluters.creditcode import is_valid
from qingshan.polluters.models import CreditRating, EnforcementRecord, Enterprise, Listing
from qingshan.tipoffs.geo import district_name_at


def test_the_demo_list_is_labelled_valid_and_inside_its_districts(hz):
    result = demo.load_demo_polluters()
    assert result.enterprises == demo.COUNT == Enterprise.objects.count()
    enterprises = list(Enterprise.objects.select_related("district"))
    assert all(e.is_simulated and e.name.endswith("（模拟）") for e in enterprises)
    assert all(is_valid(e.credit_code) for e in enterprises)
    assert all(in_hangzhou(e.longitude, e.latitude) for e in enterprises)
    # Each point lies in a shape its district is drawn from, by the reporting form's own
    # point-in-polygon lookup (tested on known places in tests/tipoffs), not the demo's.
    # (The GeoJSON still calls 临安区 by its pre-2017 name 临安市; the lookup says 临安区.)
    renamed = {"临安市": "临安区"}
    by_code = {a.code: {renamed.get(name, name) for name, _ in a.shapes} for a in demo.AREAS}
    for e in enterprises:
        assert district_name_at(e.longitude, e.latitude) in by_code[e.district.code], e
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
