"""Production settings come from the environment and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys


def run_check(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    # A clean production environment: none of our variables, nor the test-only async switch.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("QINGSHAN_") and k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "qingshan", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_variables(tmp_path):
    result = run_check(
        {
            "QINGSHAN_DEBUG": "0",
            "QINGSHAN_SECRET_KEY": "x9" * 30 + "-a-long-random-production-key",
            "QINGSHAN_ALLOWED_HOSTS": "qingshan.example.gov.cn",
            "QINGSHAN_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check({"QINGSHAN_DEBUG": "0", "QINGSHAN_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "QINGSHAN_SECRET_KEY" in result.stderr


def settings_value(env_extra: dict[str, str], expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QINGSHAN_")}
    env.update(env_extra)
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='qingshan.settings'; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_cache_is_local_unless_a_shared_one_is_configured(tmp_path):
    base = {"QINGSHAN_DATA_DIR": str(tmp_path)}
    assert settings_value(base, "settings.CACHES['default']['BACKEND']").endswith("LocMemCache")
    shared = {**base, "QINGSHAN_CACHE_URL": "redis://cache.internal:6379/1"}
    assert settings_value(shared, "settings.CACHES['default']['BACKEND']").endswith("RedisCache")
    assert settings_value(shared, "settings.CACHES['default']['LOCATION']") == (
        "redis://cache.internal:6379/1"
    )
