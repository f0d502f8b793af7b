"""`qingshan polluters import FILE --year 2022` — load a year's 重点排污单位名录 from a CSV or
Excel file, all or nothing; prints how many enterprises were created, updated or unchanged."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qingshan.polluters.importing import ImportRefused, import_list
from qingshan.polluters.models import CoordinateSystem

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "导入重点排污单位名录 (import a year's key-polluter list from CSV/xlsx/xls)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import a list file (all or nothing)")
        load.add_argument("file")
        load.add_argument("--year", type=int, required=True, help="名录年份, e.g. 2022")
        load.add_argument(
            "--crs",
            choices=CoordinateSystem.values,
            default=CoordinateSystem.WGS84,
            help="coordinate system of the list's 经度/纬度 (default wgs84 = WGS-84/CGCS2000)",
        )
        load.add_argument(
            "--replace",
            action="store_true",
            help="the file is the year's whole list: set categories exactly and remove the "
            "year's listings not in the file",
        )
        load.add_argument(
            "--unpublished", action="store_true", help="new enterprises are not yet public"
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = import_list(
                path.name,
                path.read_bytes(),
                year=options["year"],
                label=f"命令行 {getpass.getuser()}",
                crs=options["crs"],
                replace=options["replace"],
                publish=not options["unpublished"],
            )
        except ImportRefused as exc:
            for problem in exc.problems[:SHOWN_PROBLEMS]:
                where = problem.where or "文件"
                value = f" “{problem.value}”" if problem.value else ""
                self.stderr.write(
                    f"{problem.file} {where}{value} [{problem.rule}] {problem.message}"
                )
            if exc.total > SHOWN_PROBLEMS:
                self.stderr.write(f"……共 {exc.total} 个问题，只列出前 {SHOWN_PROBLEMS} 个")
            raise CommandError(f"{path.name}：未导入任何数据（{exc.total} 个问题）") from None
        removed = f"，移出名录 {result.removed}" if result.removed else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}：{result.year}年名录 {result.rows} 家单位；"
                f"新增 {result.created}，更新 {result.updated}，未变 {result.unchanged}{removed}"
            )
        )
        if result.ignored:
            self.stdout.write("未识别、未导入的列：" + "、".join(result.ignored))
