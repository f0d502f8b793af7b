"""Each role × each action × own unit vs another unit, on the rules and through the pages.

Task 52 (森林城市建设) is led by 市林水局; 西湖区 answers for its territory.  The reports under
test belong to 西湖区.
"""

from __future__ import annotations

import pytest

from qingshan.reporting import permissions as perms
from qingshan.reporting import services
from qingshan.reporting.models import Report

from .conftest import actor, person

PEOPLE = ["xihu_reporter", "xihu_approver", "lsj_reporter", "sthjj_approver", "office", "leader"]

# person: (view draft, view submitted, edit draft, submit draft, review submitted, workbook)
EXPECTED = {
    "xihu_reporter": (True, True, True, False, False, True),  # own unit
    "xihu_approver": (True, True, True, True, False, True),  # own unit
    "lsj_reporter": (False, True, False, False, False, False),  # leads the task: sees it once sent
    "sthjj_approver": (False, False, False, False, False, False),  # another unit
    "office": (False, True, False, False, True, True),
    "leader": (False, True, False, False, False, False),
}


@pytest.fixture
def reports(quarter, task, org):
    data = {"status": "in_progress", "percent": 30, "narrative": "进展"}
    drafted = services.save_draft(actor("xihu_reporter"), task(52), org("xihu"), quarter, data)
    submitted = services.save_draft(actor("xihu_reporter"), task(45), org("xihu"), quarter, data)
    submitted = services.submit_report(actor("xihu_approver"), submitted)
    return drafted, submitted


@pytest.mark.parametrize("username", PEOPLE)
def test_rules(reports, username):
    drafted, submitted = reports
    a = actor(username)
    got = (
        perms.can_view(a, drafted),
        perms.can_view(a, submitted),
        perms.can_edit(a, drafted),
        perms.can_submit(a, drafted),
        perms.can_review(a, submitted),
        perms.can_download_workbook(a, drafted.org_id),
    )
    assert got == EXPECTED[username]


@pytest.mark.parametrize("username", PEOPLE)
def test_services_enforce_the_rules(reports, username, quarter, task, org):
    drafted, submitted = reports
    view_draft, _, edit, submit, review, _ = EXPECTED[username]
    a = actor(username)
    if not edit:
        with pytest.raises(services.NotAllowed):
            services.save_draft(a, task(52), org("xihu"), quarter, {"percent": 99})
        with pytest.raises(services.NotAllowed):
            services.add_evidence(a, drafted, "x.txt", b"evidence")
    if not submit:
        with pytest.raises(services.NotAllowed):
            services.submit_report(a, drafted)
    if not review:
        with pytest.raises(services.NotAllowed):
            services.approve_report(a, submitted)
        with pytest.raises(services.NotAllowed):
            services.return_report(a, submitted, "不行")
    assert Report.objects.get(pk=drafted.pk).percent == 30
    assert Report.objects.get(pk=submitted.pk).state == "submitted"


@pytest.mark.parametrize("username", PEOPLE)
def test_pages_enforce_the_rules(client, reports, username, quarter):
    drafted, submitted = reports
    view_draft, view_sent, edit, submit, review, _ = EXPECTED[username]
    client.force_login(person(username))
    assert client.get(f"/reporting/reports/{drafted.pk}/").status_code == (
        200 if view_draft else 403
    )
    assert client.get(f"/reporting/reports/{submitted.pk}/").status_code == (
        200 if view_sent else 403
    )
    edit_url = f"/reporting/{quarter.label}/tasks/52/xihu/"
    assert client.get(edit_url).status_code == (200 if edit else 403)
    response = client.post(f"/reporting/reports/{submitted.pk}/approve/")
    assert Report.objects.get(pk=submitted.pk).state == ("approved" if review else "submitted")
    if not review:
        assert response.status_code == 403


def test_nobody_changes_an_approved_report(reports, quarter, task, org):
    _, submitted = reports
    approved = services.approve_report(actor("office"), submitted)
    for username in PEOPLE:
        a = actor(username)
        assert not perms.can_edit(a, approved)
        assert not perms.can_submit(a, approved)
        assert not perms.can_review(a, approved)
    with pytest.raises(services.ReportingError):
        services.save_draft(actor("xihu_approver"), task(45), org("xihu"), quarter, {"percent": 1})
    with pytest.raises(services.NotAllowed):
        services.add_evidence(actor("xihu_reporter"), approved, "late.txt", b"late")


def test_anonymous_visitors_are_sent_to_login(client, reports):
    drafted, _ = reports
    response = client.get(f"/reporting/reports/{drafted.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(f"/reporting/reports/{drafted.pk}/submit/").status_code == 302
