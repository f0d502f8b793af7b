"""`qingshan plan check|load|export|coverage` — the plan file's command line."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qingshan.plans.coverage import uncovered_numbers
from qingshan.plans.exporter import export_json, export_yaml
from qingshan.plans.loader import load_plan
from qingshan.plans.models import Plan
from qingshan.plans.planfile import PlanFileError, read_plan_file


class Command(BaseCommand):
    help = "检查、导入、导出行动方案文件 (check, load, export a plan file)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="validate a plan file; load nothing")
        check.add_argument("file")
        load = sub.add_parser("load", help="load a plan file (idempotent, all or nothing)")
        load.add_argument("file")
        export = sub.add_parser("export", help="write a stored plan as YAML or JSON")
        export.add_argument("code")
        export.add_argument("--format", choices=["yaml", "json"], default="yaml")
        export.add_argument("--output", "-o", help="file to write (default: standard output)")
        coverage = sub.add_parser("coverage", help="numbers of the source text no target covers")
        coverage.add_argument("file")
        coverage.add_argument("--source", required=True, help="the plan's original text (UTF-8)")

    def handle(self, *args, **options) -> None:
        action = options["action"]
        try:
            if action == "check":
                self.check_file(options["file"])
            elif action == "load":
                self.load_file(options["file"])
            elif action == "export":
                self.export(options["code"], options["format"], options.get("output"))
            else:
                self.coverage(options["file"], options["source"])
        except PlanFileError as exc:
            raise CommandError(exc.report()) from None

    def check_file(self, file: str) -> None:
        doc = read_plan_file(file)
        d = doc.data
        self.stdout.write(
            self.style.SUCCESS(
                f"{file}: OK — {d['plan']['title']}: {len(d['sections'])} sections, "
                f"{len(d['tasks'])} tasks, {len(d.get('targets') or [])} targets, "
                f"{len(d['units'])} units"
            )
        )

    def load_file(self, file: str) -> None:
        doc = read_plan_file(file)
        result = load_plan(doc, actor_label="cli")
        if not result.changed:
            self.stdout.write(f"{doc.code}: already up to date — nothing changed")
            return
        for line in result.changes:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{doc.code}: {len(result.changes)} change(s) loaded"))

    def export(self, code: str, fmt: str, output: str | None) -> None:
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("code", flat=True)) or "none loaded"
            raise CommandError(f"no plan with code {code!r} (known: {known})")
        text = export_json(plan) if fmt == "json" else export_yaml(plan)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {output}")
        else:
            sys.stdout.write(text)

    def coverage(self, file: str, source: str) -> None:
        doc = read_plan_file(file)
        text = Path(source).read_text(encoding="utf-8")
        missing = uncovered_numbers(doc.data, text)
        for item in missing:
            self.stdout.write(str(item))
        if missing:
            raise CommandError(f"{len(missing)} number(s) in {source} have no target or reason")
        self.stdout.write(self.style.SUCCESS("every number in the source is accounted for"))
