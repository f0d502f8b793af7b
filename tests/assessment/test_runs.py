"""Assessment runs: refused while reports wait for review, frozen once made, published once,
re-run on a copy; only the office runs and publishes."""

from __future__ import annotations

import pytest

from qingshan.assessment import services
from qingshan.assessment.inputs import AssessmentError
from qingshan.assessment.models import AssessmentRun, Immutable, Score
from qingshan.audit.models import AuditEvent


def test_a_run_over_a_year_with_a_report_in_review_is_refused_and_lists_it(
    reports, hz, office, scheme
):
    reports.file("jcw", 58, "2020Q3", approve=False)
    with pytest.raises(AssessmentError) as caught:
        services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    assert "1 份报告未审核通过" in str(caught.value)
    assert caught.value.details == ["2020Q3 任务58 市监委（已提交）"]
    assert not AssessmentRun.objects.exists()


def test_a_report_in_review_in_another_year_does_not_hold_up_the_run(reports, hz, office, scheme):
    reports.file("jcw", 58, "2021Q1", approve=False)
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    assert run.summary["pending_excluded"] == []


def test_the_office_may_run_on_approved_reports_alone_and_the_run_says_so(
    reports, hz, office, scheme
):
    reports.file("jcw", 57, "2020Q3")
    pending = reports.file("jcw", 58, "2020Q3", status="done", percent=100, approve=False)
    run = services.run_assessment(
        office, hz, scheme, kind="annual", year=2020, include_pending=True
    )
    assert run.summary["pending_excluded"] == ["2020Q3 任务58 市监委（已提交）"]
    jcw = Score.objects.get(run=run, org__code="jcw")
    items = {i["key"]: i for i in jcw.items}
    tasks = {r["task"][:3]: r for r in items["tasks"]["rows"]}
    assert tasks["57."]["report_id"] is not None
    assert tasks["58."]["report_id"] is None  # the unapproved report is not scored
    assert pending.pk not in {r["id"] for r in run.inputs["reports"] if r["state"] == "approved"}


def test_a_run_freezes_its_inputs_and_cannot_be_modified(reports, hz, office, scheme):
    reports.file("jcw", 57, "2020Q4")
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    assert any(r["unit"] == reports.org("jcw").pk for r in run.inputs["reports"])
    event = AuditEvent.objects.get(action="assessment.run", object_id=str(run.pk))
    assert event.actor == office
    run.year = 2019
    with pytest.raises(Immutable):
        run.save()
    run.refresh_from_db()
    run.summary = {"units": 0}
    with pytest.raises(Immutable):
        run.save()
    score = Score.objects.filter(run=run).first()
    assert score is not None
    score.total = 100
    with pytest.raises(Immutable):
        score.save()
    assert AssessmentRun.objects.get(pk=run.pk).year == 2020


def test_publishing_sets_the_date_once(hz, office, scheme):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    assert not run.is_published
    published = services.publish(office, run)
    assert published.published_at is not None and published.published_by == office
    assert AuditEvent.objects.filter(action="assessment.publish", object_id=str(run.pk)).exists()
    with pytest.raises(AssessmentError, match="已于"):
        services.publish(office, run)
    stored = AssessmentRun.objects.get(pk=run.pk)
    assert stored.published_at == published.published_at
    stored.published_at = None
    with pytest.raises(Immutable):
        stored.save()


def test_a_second_run_of_a_published_year_is_not_published_over_it(hz, office, scheme):
    first = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    services.publish(office, first)
    second = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    with pytest.raises(AssessmentError, match=f"批次 #{first.pk}"):
        services.publish(office, second)
    assert AssessmentRun.objects.get(pk=second.pk).published_at is None


def test_a_rerun_is_a_new_run_that_names_the_old_one_which_stays_as_it_was(
    reports, hz, office, scheme
):
    reports.file("jcw", 57, "2020Q4", status="in_progress", percent=45)
    old = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    old_total = Score.objects.get(run=old, org__code="jcw").total
    old_inputs = AssessmentRun.objects.get(pk=old.pk).inputs

    # Reported since the first run: task 58 is done.
    reports.file("jcw", 58, "2020Q4", status="done", percent=100)
    new = services.rerun(office, old)
    assert new.pk != old.pk
    assert new.copy_of == old
    assert (new.kind, new.year, new.scheme) == (old.kind, old.year, old.scheme)
    new_total = Score.objects.get(run=new, org__code="jcw").total
    assert new_total is not None and old_total is not None
    assert new_total > old_total
    kept = AssessmentRun.objects.get(pk=old.pk)
    assert kept.inputs == old_inputs
    assert Score.objects.get(run=old, org__code="jcw").total == old_total
    assert kept.published_at is None


@pytest.mark.parametrize("username", ["leader", "xihu_reporter", "xihu_approver"])
def test_only_the_office_runs_and_publishes(hz, office, scheme, user_named, username):
    someone = user_named(username)
    with pytest.raises(services.NotAllowed):
        services.run_assessment(someone, hz, scheme, kind="annual", year=2020)
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    with pytest.raises(services.NotAllowed):
        services.publish(someone, run)
    with pytest.raises(services.NotAllowed):
        services.rerun(someone, run)
    assert AssessmentRun.objects.count() == 1
    assert AssessmentRun.objects.get().published_at is None


def test_a_year_outside_the_plan_and_a_final_run_before_the_horizon_are_refused(hz, office, scheme):
    with pytest.raises(AssessmentError, match="2018 年不在方案期限"):
        services.run_assessment(office, hz, scheme, kind="annual", year=2018)
    with pytest.raises(AssessmentError, match="终期考核只对目标年 2022"):
        services.run_assessment(office, hz, scheme, kind="final", year=2021)
    final = services.run_assessment(office, hz, scheme, kind="final", year=2022)
    assert (final.start.isoformat(), final.end.isoformat()) == ("2019-03-04", "2022-12-31")
    assert final.title.endswith("终期考核")
