"""Assessment pages: the office runs and publishes; drafts are for the office and leaders;
published runs and scorecards are public."""

from __future__ import annotations

import pytest

from qingshan.assessment import services
from qingshan.assessment.models import AssessmentRun


@pytest.fixture
def run(hz, office, scheme):
    return services.run_assessment(office, hz, scheme, kind="annual", year=2020)


def test_the_office_generates_a_run_from_the_list_page(client, hz, office):
    client.force_login(office)
    response = client.post(f"/assessment/{hz.code}/", {"kind": "annual", "year": "2020"})
    run = AssessmentRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessment/runs/{run.pk}/"
    assert (run.kind, run.year, run.scheme.version) == ("annual", 2020, 1)


def test_the_list_page_shows_why_a_run_was_refused(client, reports, hz, office):
    reports.file("jcw", 58, "2020Q3", approve=False)
    client.force_login(office)
    response = client.post(f"/assessment/{hz.code}/", {"kind": "annual", "year": "2020"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "1 份报告未审核通过" in text and "2020Q3 任务58 市监委（已提交）" in text
    assert not AssessmentRun.objects.exists()
    response = client.post(
        f"/assessment/{hz.code}/", {"kind": "annual", "year": "2020", "include_pending": "on"}
    )
    assert response.status_code == 302
    assert AssessmentRun.objects.get().summary["pending_excluded"]


@pytest.mark.parametrize("username", ["leader", "xihu_reporter"])
def test_others_cannot_run_publish_or_rerun_through_the_pages(
    client, hz, run, user_named, username
):
    client.force_login(user_named(username))
    data = {"kind": "annual", "year": "2021"}
    assert client.post(f"/assessment/{hz.code}/", data).status_code == 403
    assert client.post(f"/assessment/runs/{run.pk}/publish/").status_code == 403
    assert client.post(f"/assessment/runs/{run.pk}/rerun/").status_code == 403
    assert AssessmentRun.objects.count() == 1
    assert AssessmentRun.objects.get().published_at is None


def test_anonymous_posts_are_refused_too(client, hz, run):
    assert (
        client.post(f"/assessment/{hz.code}/", {"kind": "annual", "year": "2021"}).status_code
        == 403
    )
    publish = client.post(f"/assessment/runs/{run.pk}/publish/")
    assert publish.status_code == 302 and publish["Location"].startswith("/login/")
    assert AssessmentRun.objects.count() == 1
    assert AssessmentRun.objects.get().published_at is None


def test_an_unpublished_run_is_hidden_from_the_public_and_the_units(client, hz, run, user_named):
    pages = [
        f"/assessment/runs/{run.pk}/",
        f"/assessment/runs/{run.pk}/units/jcw/",
        f"/assessment/runs/{run.pk}/report.pdf",
        f"/assessment/runs/{run.pk}/scores.xlsx",
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    assert run.title not in client.get(f"/assessment/{hz.code}/").content.decode()
    client.force_login(user_named("xihu_reporter"))
    for page in pages:
        assert client.get(page).status_code == 404, page
    client.force_login(user_named("leader"))
    response = client.get(pages[0])
    assert response.status_code == 200
    assert "尚未公布" in response.content.decode()
    assert client.get(pages[1]).status_code == 200


def test_a_published_run_and_its_scorecards_are_public(client, hz, office, run):
    client.force_login(office)
    assert client.post(f"/assessment/runs/{run.pk}/publish/").status_code == 302
    assert AssessmentRun.objects.get(pk=run.pk).published_at is not None
    client.logout()
    listing = client.get(f"/assessment/{hz.code}/").content.decode()
    assert f"/assessment/runs/{run.pk}/" in listing
    page = client.get(f"/assessment/runs/{run.pk}/")
    assert page.status_code == 200
    assert "已于" in page.content.decode()
    score = run.scores.get(org__code="xihu")  # type: ignore[attr-defined]
    card = client.get(f"/assessment/runs/{run.pk}/units/xihu/")
    assert card.status_code == 200
    text = card.content.decode()
    assert "西湖区 考核得分" in text
    assert f'<div class="display-6 fw-bold" id="score-total">{score.total}</div>' in text
    assert client.get(f"/assessment/runs/{run.pk}/units/nowhere/").status_code == 404


def test_the_rerun_page_action_makes_a_copy(client, office, run):
    client.force_login(office)
    response = client.post(f"/assessment/runs/{run.pk}/rerun/")
    copy = AssessmentRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == f"/assessment/runs/{copy.pk}/"
    assert copy.copy_of_id == run.pk
    assert (
        f'复制自 <a href="/assessment/runs/{run.pk}/">#{run.pk}</a>'
        in client.get(f"/assessment/runs/{copy.pk}/").content.decode()
    )
