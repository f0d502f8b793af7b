"""The `qingshan` command: Django's management commands, with the data directory created first.

`qingshan plan check FILE`, `qingshan plan load FILE`, `qingshan runserver` …
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qingshan.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(["qingshan", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
