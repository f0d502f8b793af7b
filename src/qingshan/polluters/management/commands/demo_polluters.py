from django.core.management.base import BaseCommand, CommandError

from qingshan.polluters import demo


class Command(BaseCommand):
    help = (
        "生成模拟的重点排污单位名录（约 150 家，2021、2022 年，已标注“模拟”），或用 --delete 删除"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=demo.COUNT, help="how many enterprises")
        parser.add_argument("--delete", action="store_true", help="remove the simulated list")

    def handle(self, *args, **options) -> None:
        if options["delete"]:
            n = demo.delete_demo_polluters()
            self.stdout.write(f"deleted {n} simulated enterprises")
            return
        try:
            result = demo.load_demo_polluters(count=options["count"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if result.already_present:
            self.stdout.write("simulated key-polluter list already present — nothing added")
            return
        self.stdout.write(
            f"{result.enterprises} simulated enterprises ({result.listings} listings, "
            f"{result.enforcements} enforcement records, {result.ratings} credit ratings)"
        )
