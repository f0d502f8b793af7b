"""Simulated office entries and assessment runs (2019–2021 published, 2022 final as a draft)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from qingshan.assessment.demo import create_demo_assessment
from qingshan.plans.services import default_plan


class Command(BaseCommand):
    help = "生成演示用的指标录入值和考核批次（演示数据，模拟）"

    def handle(self, *args, **options) -> None:
        plan = default_plan()
        if plan is None:
            raise CommandError("尚未导入行动方案")
        office = get_user_model().objects.filter(username="office").first()
        if office is None:
            raise CommandError("请先运行 demo_accounts")
        made = create_demo_assessment(plan, office)
        if made:
            self.stdout.write(f"{made} 个考核批次（演示数据，模拟）")
        else:
            self.stdout.write("演示考核批次已存在，未重复生成")
