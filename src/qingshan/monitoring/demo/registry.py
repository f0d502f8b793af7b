"""The demo's stations and sections (from `stations_hangzhou`), created as simulated and
attached to the plan's districts."""

from __future__ import annotations

from collections.abc import Sequence

from qingshan.plans.models import Org
from qingshan.plans.services import default_plan

from ..models import AirStation, WaterSection
from ..stations_hangzhou import DemoSection, DemoStation
from .defaults import FIRST_DAY


def _districts() -> dict[str, Org]:
    """The plan's district-level units by code (the demo's registry uses their codes)."""
    orgs = Org.objects.filter(kind=Org.Kind.DISTRICT)
    plan = default_plan()
    if plan is not None:
        orgs = orgs.filter(region=plan.region)
    return {o.code: o for o in orgs}


def create_stations(chosen: Sequence[DemoStation]) -> dict[str, int]:
    districts = _districts()
    AirStation.objects.bulk_create(
        [
            AirStation(
                code=s.code,
                name=s.name,
                level=s.level,
                district=districts.get(s.district),
                latitude=s.latitude,
                longitude=s.longitude,
                active_from=s.start,
                is_simulated=True,
            )
            for s in chosen
        ]
    )
    return dict(
        AirStation.objects.filter(code__in=[s.code for s in chosen]).values_list("code", "pk")
    )


def create_sections(chosen: Sequence[DemoSection]) -> dict[str, int]:
    districts = _districts()
    WaterSection.objects.bulk_create(
        [
            WaterSection(
                code=s.code,
                name=s.name,
                water=s.water,
                water_body=s.body,
                level=s.level,
                target_class=s.target,
                district=districts.get(s.district),
                is_cross_boundary=s.cross_boundary,
                is_drinking_source=s.drinking,
                protection_zone=s.protection_zone,
                latitude=s.latitude,
                longitude=s.longitude,
                active_from=FIRST_DAY,
                is_simulated=True,
            )
            for s in chosen
        ]
    )
    return dict(
        WaterSection.objects.filter(code__in=[s.code for s in chosen]).values_list("code", "pk")
    )
