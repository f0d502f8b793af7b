import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from qingshan.plans.services import default_plan
from qingshan.reporting.demo import create_demo_reports


class Command(BaseCommand):
    help = "生成演示用的季度进展报告（模拟数据，已标注）"

    def handle(self, *args, **options) -> None:
        plan = default_plan()
        if plan is None:
            raise CommandError("尚未导入行动方案")
        office = get_user_model().objects.filter(username="office").first()
        if office is None:
            raise CommandError("请先运行 qingshan demo_accounts")
        start = time.perf_counter()
        count = create_demo_reports(plan, office)
        if count == 0:
            self.stdout.write("demo reports already present — nothing added")
        else:
            self.stdout.write(f"{count} simulated reports in {time.perf_counter() - start:.1f} s")
