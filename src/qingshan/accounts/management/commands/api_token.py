from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from qingshan.accounts.tokens import issue_token
from qingshan.plans.models import Org


class Command(BaseCommand):
    help = "为单位签发 API 令牌（令牌只显示这一次）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="单位代码，如 xihu")
        parser.add_argument("--name", required=True, help="用途，如“西湖区填报系统对接”")
        parser.add_argument("--by", default="admin", help="签发人用户名")

    def handle(self, *args, **options) -> None:
        org = Org.objects.filter(code=options["unit"]).first()
        if org is None:
            raise CommandError(f"没有代码为 {options['unit']!r} 的单位")
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['by']!r}")
        token, key = issue_token(org, options["name"], user)
        self.stdout.write(f"{org.name} · {token.name}")
        self.stdout.write(f"token: {key}")
        self.stdout.write("请妥善保存：令牌只显示这一次。请求时使用 Authorization: Bearer <token>")
