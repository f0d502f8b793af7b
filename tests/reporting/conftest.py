"""Fixtures for the reporting workflow: periods, an open quarter, the demo people."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from qingshan.plans.models import Org, Task
from qingshan.reporting import services
from qingshan.reporting.models import ReportingPeriod
from qingshan.reporting.permissions import actor_for


def person(username: str):
    return get_user_model().objects.get(username=username)


def actor(username: str):
    return actor_for(person(username))


@pytest.fixture
def periods(hz):
    services.create_periods(actor("office"), hz)
    return ReportingPeriod.objects.filter(plan=hz)


@pytest.fixture
def open_period(periods):
    """Opens the period asked for (2020Q4 by default) and returns it."""

    def opened(label: str = "2020Q4") -> ReportingPeriod:
        period = periods.get(label=label)
        services.set_period_open(actor("office"), period, True)
        return period

    return opened


@pytest.fixture
def quarter(periods):
    period = periods.get(label="2020Q4")
    services.set_period_open(actor("office"), period, True)
    return period


@pytest.fixture
def org(hz):
    return lambda code: Org.objects.get(region=hz.region, code=code)


@pytest.fixture
def task(hz):
    return lambda number: Task.objects.get(plan=hz, number=number)
