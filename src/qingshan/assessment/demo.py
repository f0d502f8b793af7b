"""Simulated office entries and assessment runs, so the pages show something on a trial set-up.

Everything here is labelled 演示数据（模拟）.  Runs for 2019–2021 are published; the final 2022
run is left as a draft for the office to preview and publish.
"""

from __future__ import annotations

from qingshan.indicators.entry import enter_value
from qingshan.opendata import SIMULATED_LABEL
from qingshan.plans.models import Plan

from . import schemes, services

# Values by year for the indicators the office enters (none of them from official sources).
ENTRIES = {
    "clean-air-demo-counties": {2019: "1", 2020: "2", 2021: "2", 2022: "3"},
    "prov-eco-demo-district-share": {2019: "61.5", 2020: "84.6", 2021: "92.3", 2022: "100"},
    "national-eco-demo-status": {2019: "0", 2020: "0", 2021: "0", 2022: "1"},
    "zero-discharge-district-share": {2019: "23.1", 2020: "46.2", 2021: "100"},
    "beautiful-river-county-share": {2019: "38.5", 2020: "53.8", 2021: "69.2", 2022: "84.6"},
}


def create_demo_assessment(plan: Plan, office_user) -> int:
    """Idempotent: does nothing once the plan has a run.  Returns the number of runs made."""
    if plan.assessment_runs.exists():  # type: ignore[attr-defined]
        return 0
    for code, by_year in ENTRIES.items():
        indicator = plan.indicators.filter(code=code).first()  # type: ignore[attr-defined]
        if indicator is None:
            continue
        for year, value in by_year.items():
            enter_value(
                office_user,
                indicator,
                period=str(year),
                value=value,
                unit=indicator.unit,
                note=f"{SIMULATED_LABEL}：按年度工作总结录入",
            )
    scheme = schemes.ensure_default_scheme(plan, office_user)
    made = 0
    for kind, year in (("annual", 2019), ("annual", 2020), ("annual", 2021), ("final", 2022)):
        if not plan.start_year <= year <= plan.horizon_year:
            continue
        run = services.run_assessment(
            office_user, plan, scheme, kind=kind, year=year, include_pending=True
        )
        made += 1
        if kind == "annual":
            services.publish(office_user, run)
    return made
