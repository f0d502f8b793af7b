"""Who may load monitoring data and the registry (decision, documented in
docs/monitoring-import.md): the monitoring office — people with the 办公室 (office) role in any
unit and superusers (`accounts.roles.is_office`) — and API tokens of the
municipal Ecology and Environment Bureau (市生态环境局, org code "sthjj"), which runs the
monitoring networks.  Everyone else is refused and nothing is stored."""

from __future__ import annotations

from typing import Any

from qingshan.accounts.roles import is_office

MONITORING_UNIT = "sthjj"


def user_may_import(user: Any) -> bool:
    return is_office(user)


def token_may_import(token: Any) -> bool:
    return token is not None and token.org.code == MONITORING_UNIT
