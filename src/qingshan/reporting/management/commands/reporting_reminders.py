"""Mail every unit its overdue and returned reports; run daily from cron."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qingshan.plans.services import default_plan
from qingshan.reporting.reminders import outstanding, send_reminders


class Command(BaseCommand):
    help = "向各单位发送逾期未报和被退回报告的提醒邮件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="YYYY-MM-DD（默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不发邮件")

    def handle(self, *args, **options) -> None:
        plan = default_plan()
        if plan is None:
            raise CommandError("尚未导入行动方案")
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else dt.date.today()
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['today']!r}") from None
        if options["dry_run"]:
            for org, lines in outstanding(plan, today).items():
                self.stdout.write(f"{org.name}: {len(lines)} 项")
            return
        self.stdout.write(f"{send_reminders(plan, today)} 封提醒邮件已发送")
