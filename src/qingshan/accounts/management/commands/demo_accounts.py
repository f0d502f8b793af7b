from django.core.management.base import BaseCommand

from qingshan.accounts.demo_accounts import DEMO_ACCOUNTS, create_demo_accounts, demo_password


class Command(BaseCommand):
    help = "创建演示账号（每个角色一个）"

    def handle(self, *args, **options) -> None:
        created = create_demo_accounts()
        self.stdout.write(f"{len(created)} demo account(s) created; all demo accounts:")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<22} {account.display_name}")
        self.stdout.write(f"  password: {demo_password()}")
