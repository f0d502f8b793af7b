"""Production serves collected, hashed static files: collecting them must work."""

from __future__ import annotations

from django.core.management import call_command


def test_collectstatic_with_the_production_manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        # Production adds compression (whitenoise) on top of this manifest step, which is the
        # one that checks every file a stylesheet or script refers to.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text(encoding="utf-8")
    for path in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/bootstrap/bootstrap.bundle.min.js",
        "vendor/echarts/echarts.min.js",
        "qingshan/site.css",
    ):
        assert f'"{path}"' in manifest, path
