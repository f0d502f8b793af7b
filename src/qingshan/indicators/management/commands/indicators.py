"""Refresh indicator values and statuses, or mail the warning digest (weekly, from cron)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qingshan.indicators.digest import digest_text, send_digest
from qingshan.indicators.status import current_snapshot
from qingshan.indicators.values import refresh_values
from qingshan.indicators.warnings import warning_list
from qingshan.plans.services import default_plan, published_plan


class Command(BaseCommand):
    help = "指标：refresh 重算指标数值和状态；digest 向美丽杭州办和市领导发送预警摘要邮件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh", "digest"])
        parser.add_argument("--plan", help="方案代码（默认为默认方案）")
        parser.add_argument("--as-of", help="评估日期 YYYY-MM-DD（默认今天，方案结束后为目标年末）")
        parser.add_argument("--site", default="http://127.0.0.1:8000", help="邮件中链接的网址")
        parser.add_argument("--dry-run", action="store_true", help="digest：只打印，不发邮件")

    def handle(self, *args, **options) -> None:
        plan = published_plan(options["plan"]) if options["plan"] else default_plan()
        if plan is None:
            raise CommandError("没有这个方案（或尚未导入行动方案）")
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{options['as_of']!r}") from None
        if options["action"] == "refresh":
            refresh = refresh_values(plan)
            snapshot = current_snapshot(plan, as_of)
            self.stdout.write(
                f"{refresh.data_values} 个监测计算值，{refresh.report_values} 个报告汇总值；"
                f"截至 {snapshot.as_of} 的状态已更新"
            )
            return
        if options["dry_run"]:
            subject, body = digest_text(
                plan, warning_list(current_snapshot(plan, as_of)), options["site"]
            )
            self.stdout.write(subject + "\n\n" + body)
            return
        self.stdout.write(f"{send_digest(plan, as_of, options['site'])} 封预警摘要已发送")
