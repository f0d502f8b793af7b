from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from qingshan.reporting import services
from qingshan.reporting.reminders import outstanding

from .conftest import actor


def test_overdue_and_returned_reports_are_mailed_to_the_unit(quarter, task, org):
    get_user_model().objects.filter(username="xihu_approver").update(email="xihu@example.gov.cn")
    sent = services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"narrative": "x"}
    )
    sent = services.submit_report(actor("xihu_approver"), sent)
    services.return_report(actor("office"), sent, "补充材料")

    before_due = outstanding(quarter.plan, quarter.due_on)
    assert before_due[org("xihu")] == ["2020年第4季度 任务52（被退回，待修改）"]

    after_due = outstanding(quarter.plan, quarter.due_on + dt.timedelta(days=1))
    lines = after_due[org("xihu")]
    assert "2020年第4季度 任务52（被退回，待修改）" in lines
    assert "2020年第4季度 任务45（截止 2021-01-15）" in lines
    assert not any("任务11" in line for line in lines)  # not 西湖区's task

    out = io.StringIO()
    call_command("reporting_reminders", "--today", "2021-01-16", stdout=out)
    to_xihu = [m for m in mail.outbox if m.to == ["xihu@example.gov.cn"]]
    assert len(to_xihu) == 1
    assert "任务45" in to_xihu[0].body and "被退回" in to_xihu[0].body


def test_an_extension_moves_the_reminder(quarter, org):
    services.extend_deadline(actor("office"), quarter, org("xihu"), dt.date(2021, 2, 1), "交接")
    assert org("xihu") not in outstanding(quarter.plan, dt.date(2021, 1, 20))
    assert org("xihu") in outstanding(quarter.plan, dt.date(2021, 2, 2))
