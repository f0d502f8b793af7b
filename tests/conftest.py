"""Shared fixtures: the shipped Hangzhou plan, its source text, demo accounts, a browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILE = ROOT / "src" / "qingshan" / "plans_data" / "hangzhou-2019.yaml"
# The official text the plan file was transcribed from; shared/ sits beside the checkout.
SEED_FILE = ROOT.parent / "shared" / "seeds" / "000_5a332b206540c3c8.txt"

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in
# a thread with a running loop unless told that this is intended (it is, in tests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite test database lives there


@pytest.fixture(scope="session")
def seed_text() -> str:
    assert SEED_FILE.exists(), f"the plan's source text is missing: {SEED_FILE}"
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def plan_document():
    from qingshan.plans.planfile import read_plan_file

    return read_plan_file(PLAN_FILE)


def _ensure_plan_loaded():
    from qingshan.accounts.demo_accounts import create_demo_accounts
    from qingshan.plans.loader import load_plan
    from qingshan.plans.models import Plan
    from qingshan.plans.planfile import read_plan_file

    plan = Plan.objects.filter(code="hangzhou-2019").first()
    if plan is None:
        plan = load_plan(read_plan_file(PLAN_FILE), actor_label="tests").plan
        create_demo_accounts()
    return plan


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Loaded once for the whole session; transactional tests flush it and reload on demand.
    with django_db_blocker.unblock():
        _ensure_plan_loaded()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test starts with an empty cache, and the home page rechecks its data on every
    request (production rechecks every few seconds)."""
    from django.core.cache import cache

    settings.QINGSHAN_HOME_RECHECK_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hz(db):
    """The Hangzhou plan, loaded."""
    return _ensure_plan_loaded()


@pytest.fixture
def hz_live(transactional_db):
    return _ensure_plan_loaded()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("QINGSHAN_CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def signed_in(browser, live_server):
    """Opens a new browser page signed in as the demo user asked for."""
    from playwright.sync_api import expect

    from qingshan.accounts.demo_accounts import demo_password

    def open_as(username: str):
        page = browser.new_context(locale="zh-CN").new_page()
        page.goto(live_server.url + "/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", demo_password())
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("button", name="退出")).to_be_visible()
        return page

    return open_as
