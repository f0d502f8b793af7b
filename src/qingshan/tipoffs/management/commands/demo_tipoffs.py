import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from qingshan.plans.services import default_plan
from qingshan.tipoffs.demo import load_demo


class Command(BaseCommand):
    help = "载入节假日安排、示例奖励标准和演示用的违法行为举报（模拟数据，已标注）"

    def handle(self, *args, **options) -> None:
        plan = default_plan()
        if plan is None:
            raise CommandError("尚未导入行动方案")
        office = get_user_model().objects.filter(username="office").first()
        if office is None:
            raise CommandError("请先运行 qingshan demo_accounts")
        start = time.perf_counter()
        (added, changed), rules, made = load_demo(office, plan.region)
        self.stdout.write(
            f"holidays: {added} added, {changed} updated; reward rules: {rules} added"
        )
        if not made:
            self.stdout.write("demo tipoffs already present — nothing added")
            return
        self.stdout.write(f"{len(made)} simulated tipoffs in {time.perf_counter() - start:.1f} s")
        self.stdout.write("tracking codes to try on /tipoffs/track/ (shown only now):")
        shown = set()
        for m in made:
            if (
                m.state in ("closed_awaiting", "closed_paid", "assigned", "new")
                and m.state not in shown
            ):
                shown.add(m.state)
                self.stdout.write(f"  {m.code}  {m.tipoff.reference}  {m.state}")
