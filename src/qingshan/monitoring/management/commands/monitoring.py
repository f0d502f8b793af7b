"""`qingshan monitoring import FILE [--kind air|water|stations|sections]` — load monitoring data
or the station/section registry from a file, all or nothing, with a progress bar per stage."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from qingshan.monitoring.importing import (
    KIND_LABELS,
    KINDS,
    ImportRefused,
    Progress,
    import_file,
)
from qingshan.monitoring.importing.progress import TqdmProgress
from qingshan.monitoring.models import ImportBatch

SHOWN_PROBLEMS = 50


class _Unterminated:
    """tqdm redraws its bar with "\r"; Django's stream wrapper would add a newline to each."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.write(text, ending="")

    def flush(self) -> None:
        self.out.flush()


class Command(BaseCommand):
    help = "导入监测数据或站点、断面名录 (import monitoring data or the registry from a file)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import a CSV/xlsx/xls file (all or nothing)")
        load.add_argument("file")
        load.add_argument(
            "--kind", choices=KINDS, help="what the file holds (default: read from its header)"
        )
        load.add_argument(
            "--automatic", action="store_true", help="water samples are from automatic stations"
        )
        load.add_argument("--no-progress", action="store_true", help="no progress bars")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        progress = (
            Progress() if options["no_progress"] else TqdmProgress(_Unterminated(self.stderr))
        )
        try:
            result = import_file(
                path.name,
                path.read_bytes(),
                kind=options["kind"],
                source=ImportBatch.Source.CLI,
                label=f"命令行 {getpass.getuser()}",
                automatic=options["automatic"],
                progress=progress,
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
        batch = result.batch
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}：已导入{KIND_LABELS[batch.kind]}，{batch.rows} 行；"
                f"新增 {batch.created}，更正 {batch.updated}，未变 {batch.unchanged}"
                f"（批次 {batch.pk}）"
            )
        )
        if result.flagged:
            self.stdout.write(f"{result.flagged} 个数值超出合理上限，已存储并标记为 IMP（无效）")
        if result.ignored:
            self.stdout.write("未识别、未导入的列：" + "、".join(result.ignored))
        if result.summaries:
            self.stdout.write(f"跳过 {result.summaries} 行统计行（平均值、最大值等）")
        if result.extras:
            self.stdout.write(f"{result.extras} 个非 GB 3838 参数（电导率、浊度等）未存储")
