"""Who may do what with progress reports.  Every view and API endpoint asks these functions.

Rules (issue #4): a unit's reporters and approvers work on their own unit's reports; only the
approver submits; the office (办公室) reviews, approves, returns and manages periods; leaders
read.  Drafts are the unit's own: nobody outside the unit reads them.  A lead unit reads its
co-operators' reports on the tasks it leads, once they leave draft.  Approved reports are
locked for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qingshan.accounts.models import Membership
from qingshan.plans.models import Responsibility

from .models import Report


@dataclass
class Actor:
    """Someone acting in the workflow: a signed-in person, or a unit's API token.

    `superuser` is decided when the actor is built, so a token created by an administrator
    does not inherit the administrator's powers.
    """

    user: Any
    roles: dict[int, set[str]] = field(default_factory=dict)  # org id → roles
    superuser: bool = False
    label: str = ""  # how audit events name a non-person actor ("API 令牌 …")

    @property
    def is_office(self) -> bool:
        return self.superuser or any(Membership.Role.OFFICE in r for r in self.roles.values())

    @property
    def is_leader(self) -> bool:
        return any(Membership.Role.LEADER in r for r in self.roles.values())

    def has(self, org_id: int, *roles: str) -> bool:
        return bool(self.roles.get(org_id, set()) & set(roles))

    @property
    def reporting_org_ids(self) -> list[int]:
        """Units this person reports for (as 填报员 or 审核人)."""
        return [
            org_id
            for org_id, roles in self.roles.items()
            if roles & {Membership.Role.REPORTER, Membership.Role.APPROVER}
        ]


def actor_for(user: Any) -> Actor:
    actor = Actor(user=user, superuser=bool(getattr(user, "is_superuser", False)))
    if not getattr(user, "is_authenticated", False):
        return actor
    for org_id, role in Membership.objects.filter(user=user).values_list("org_id", "role"):
        actor.roles.setdefault(org_id, set()).add(role)
    return actor


UNIT_ROLES = (Membership.Role.REPORTER, Membership.Role.APPROVER)


def actor_for_token(token: Any) -> Actor:
    """A unit's API token reports for that unit (as its 填报员) and can do nothing else."""
    return Actor(
        user=token.created_by,
        roles={token.org_id: {Membership.Role.REPORTER}},
        label=f"API 令牌 {token.name}",
    )


def can_report_for(actor: Actor, org_id: int) -> bool:
    return actor.has(org_id, *UNIT_ROLES)


def leads_task(actor: Actor, task_id: int) -> bool:
    lead_orgs = Responsibility.objects.filter(task_id=task_id, role="lead").values_list(
        "org_id", flat=True
    )
    return any(actor.has(org_id, *UNIT_ROLES) for org_id in lead_orgs)


def can_view(actor: Actor, report: Report) -> bool:
    if can_report_for(actor, report.org_id):
        return True
    if report.state == Report.State.DRAFT:
        return False
    return actor.is_office or actor.is_leader or leads_task(actor, report.task_id)


def can_edit(actor: Actor, report: Report) -> bool:
    return report.is_editable and can_report_for(actor, report.org_id)


def can_submit(actor: Actor, report: Report) -> bool:
    return report.is_editable and actor.has(report.org_id, Membership.Role.APPROVER)


def can_review(actor: Actor, report: Report) -> bool:
    return report.state == Report.State.SUBMITTED and actor.is_office


def can_correct(actor: Actor, report: Report) -> bool:
    return (
        report.state == Report.State.APPROVED
        and not hasattr(report, "superseded_by")
        and can_report_for(actor, report.org_id)
    )


def can_manage_periods(actor: Actor) -> bool:
    return actor.is_office


def can_download_workbook(actor: Actor, org_id: int) -> bool:
    return actor.is_office or can_report_for(actor, org_id)
