"""The admin edits the plan registry in Chinese; it is closed to anonymous users and non-staff."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, hz):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/plans/task/",
        "/admin/plans/target/",
        "/admin/plans/org/",
        "/admin/plans/indicator/",
        "/admin/plans/unitgroup/",
        "/admin/audit/auditevent/",
        "/admin/accounts/membership/",
    ],
)
def test_admin_pages_open_in_chinese(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "青山" in response.content.decode()


def test_admin_edits_a_task(admin_client, hz):
    task = hz.tasks.get(number=52)
    response = admin_client.get(f"/admin/plans/task/{task.pk}/change/")
    html = response.content.decode()
    assert "建设内容和规模" in html and "森林保有量达到1650万亩" in html


def test_anonymous_and_non_staff_are_kept_out(client, hz):
    assert client.get("/admin/plans/task/").status_code == 302
    client.force_login(get_user_model().objects.get(username="lsj_reporter"))
    assert client.get("/admin/plans/task/").status_code == 302


def test_audit_events_cannot_be_changed_in_the_admin(admin_client):
    from qingshan.audit.models import AuditEvent

    event = AuditEvent.objects.first()
    assert event is not None  # loading the plan wrote one
    assert admin_client.get("/admin/audit/auditevent/add/").status_code == 403
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
