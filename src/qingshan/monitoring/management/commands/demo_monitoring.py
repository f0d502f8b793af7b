import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from qingshan.monitoring import demo


class Command(BaseCommand):
    help = "生成杭州空气站点与水质断面的演示监测数据（模拟数据，已标注），并计算统计结果"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="start", default=demo.FIRST_DAY.isoformat())
        parser.add_argument("--to", dest="end", default=demo.LAST_DAY.isoformat())
        parser.add_argument("--stations", type=int, help="only the first N stations")
        parser.add_argument("--sections", type=int, help="only the first N sections")

    def handle(self, *args, **options) -> None:
        try:
            start = dt.date.fromisoformat(options["start"])
            end = dt.date.fromisoformat(options["end"])
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{error}") from None
        if end < start:
            raise CommandError("--to 早于 --from")
        self.stdout.write(
            f"==> simulated monitoring data {start} … {end} (first run: about a minute)"
        )
        try:
            result = demo.load_demo(
                start=start,
                end=end,
                stations=options["stations"],
                sections=options["sections"],
                progress=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if result.already_present:
            self.stdout.write("demo monitoring data already present — nothing added")
            return
        self.stdout.write(
            f"{result.stations} simulated stations ({result.air_hours:,} station-hours), "
            f"{result.sections} sections ({result.water_values:,} values) "
            f"in {result.seconds:.1f} s"
        )
