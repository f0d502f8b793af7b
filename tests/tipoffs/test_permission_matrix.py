"""Who can open what, for every page, file, export and API endpoint of a case: anonymous,
the reporter with the code, the office, the assigned unit's reporter and approver, another
unit, a leader.  Wherever anybody but the office gets an answer, the reporter's identity (as
given on the form and when claiming the reward) is not in it."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from qingshan.accounts.tokens import issue_token
from qingshan.tipoffs.models import Attachment, Identity
from qingshan.tipoffs.services.handling import close, record_investigation
from qingshan.tipoffs.services.rewards import claim_reward, decide_reward
from qingshan.tipoffs.services.submission import add_information
from qingshan.tipoffs.services.triage import release_addition

from .conftest import REPORTER_EMAIL, REPORTER_NAME, REPORTER_PHONE, actor, person

pytestmark = pytest.mark.django_db
CLAIMANT = ("钱领奖", "13655556666", "建设银行 6217 0000 1111")
PEOPLE = ["anonymous", "office", "xihu_reporter", "xihu_approver", "shangcheng_reporter", "leader"]

# page → expected status per person (302: sent to the login page)
PAGES = {
    "office_queue": "/tipoffs/office/",
    "office_case": "/tipoffs/office/{pk}/",
    "identity": "/tipoffs/office/{pk}/identity/",
    "office_export": "/tipoffs/office/export.csv",
    "office_export_xlsx": "/tipoffs/office/export.xlsx",
    "holidays": "/tipoffs/office/holidays/",
    "unit_list": "/tipoffs/unit/",
    "unit_case": "/tipoffs/unit/{pk}/",
    "unit_export": "/tipoffs/unit/export.csv",
    "shown_photo": "/tipoffs/media/{photo}/",
    "original_photo": "/tipoffs/media/{photo}/original/",
    "public_list": "/tipoffs/",
    "public_case": "/tipoffs/cases/{ref}/",
    "api_public_list": "/api/v1/tipoffs/public",
    "api_public_case": "/api/v1/tipoffs/public/{ref}",
    "api_assigned": "/api/v1/tipoffs/assigned",
    "api_assigned_case": "/api/v1/tipoffs/assigned/{ref}",
    "api_assigned_media": "/api/v1/tipoffs/assigned/{ref}/media/{photo}",
}
OFFICE_ONLY = {"office_queue", "office_case", "identity", "office_export", "office_export_xlsx",
               "holidays"}  # fmt: skip
UNIT = {"unit_list", "unit_case", "unit_export"}


def expected(person_name: str, page: str) -> int:
    if page in ("public_list", "public_case", "api_public_list", "api_public_case"):
        return 200
    if page.startswith("api_assigned"):
        return 401  # a unit's API answers its token only, never a browser session
    if person_name == "anonymous":
        return 302
    if page in OFFICE_ONLY or page == "original_photo":
        return 200 if person_name == "office" else 403
    if page in UNIT:
        if person_name in ("xihu_reporter", "xihu_approver"):
            return 200
        if person_name == "shangcheng_reporter":
            return 404 if page == "unit_case" else 200  # its own (empty) list and export
        return 403  # the office and leaders are no unit's reporters
    if page == "shown_photo":
        return 200 if person_name in ("office", "xihu_reporter", "xihu_approver") else 404
    raise AssertionError(page)


@pytest.fixture
def case(assigned, rules):
    """A closed, rewarded and claimed case of 西湖区, with a photo and a released addition, whose
    reporter also wrote their name into the description."""
    tipoff, code = assigned(
        description=f"我是{REPORTER_NAME}，电话{REPORTER_PHONE}。河边排污口冒黑水。"
    )
    addition = add_information(tipoff, f"补充：可以打{REPORTER_PHONE}找我。", [], [])
    release_addition(actor("office"), addition, "补充：夜间排放更多。")
    record_investigation(actor("xihu_reporter"), tipoff, "confirmed", "查实。", "责令整改。")
    close(actor("office"), tipoff, "某河段排污口流出黑色污水。", "已查处。", "approximate", True)
    decide_reward(actor("office"), tipoff, grant=True, severity="ordinary")
    claim_reward(tipoff, *CLAIMANT)
    identity = Identity.objects.get(tipoff=tipoff)
    secrets = [
        REPORTER_NAME,
        REPORTER_PHONE,
        REPORTER_EMAIL,
        *CLAIMANT,
        identity.client_hash,
    ]
    photo = Attachment.objects.get(tipoff=tipoff, kind="photo")
    return tipoff, code, photo, secrets


def client_for(person_name: str) -> Client:
    c = Client()
    if person_name != "anonymous":
        c.force_login(person(person_name))
    return c


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for row in book.active.iter_rows(values_only=True)
        )
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("person_name", PEOPLE)
def test_pages_and_files(case, person_name):
    tipoff, _, photo, secrets = case
    c = client_for(person_name)
    for page, pattern in PAGES.items():
        url = pattern.format(pk=tipoff.pk, photo=photo.pk, ref=tipoff.reference)
        response = c.get(url)
        assert response.status_code == expected(person_name, page), (person_name, page)
        if response.status_code == 200 and person_name != "office":
            text = body(response)
            leaked = [s for s in secrets if s in text]
            assert leaked == [], (person_name, page, leaked)


def test_the_office_does_see_the_identity_where_it_belongs(case):
    tipoff, _, _, secrets = case
    c = client_for("office")
    identity = c.get(f"/tipoffs/office/{tipoff.pk}/identity/").content.decode()
    for secret in (REPORTER_NAME, REPORTER_PHONE, REPORTER_EMAIL, *CLAIMANT[:2]):
        assert secret in identity
    export = body(c.get("/tipoffs/office/export.csv"))
    assert REPORTER_PHONE in export and CLAIMANT[1] in export
    case_page = c.get(f"/tipoffs/office/{tipoff.pk}/").content.decode()
    assert CLAIMANT[0] not in case_page  # identity only on its own, audited page


def test_each_look_at_the_identity_is_audited(case):
    from qingshan.audit.models import AuditEvent

    tipoff = case[0]
    c = client_for("office")
    c.get(f"/tipoffs/office/{tipoff.pk}/identity/")
    c.get(f"/tipoffs/office/{tipoff.pk}/identity/")
    views = AuditEvent.objects.filter(action="tipoff.identity_view", object_id=str(tipoff.pk))
    assert views.count() == 2 and views.first().actor.username == "office"


def test_the_reporter_with_the_code_sees_their_case_but_no_identity_page(case):
    tipoff, code, photo, _ = case
    c = Client()
    page = c.post("/tipoffs/track/", {"code": code})
    assert page.status_code == 200 and tipoff.reference in page.content.decode()
    assert CLAIMANT[0] not in page.content.decode()  # claim details are not echoed back
    assert c.get(f"/tipoffs/office/{tipoff.pk}/identity/").status_code == 302
    assert c.get(f"/tipoffs/media/{photo.pk}/original/").status_code == 302


def test_a_unit_role_in_another_org_gives_nothing_of_this_case(case):
    tipoff = case[0]
    c = client_for("shangcheng_reporter")
    assert tipoff.reference not in c.get("/tipoffs/unit/").content.decode()
    assert tipoff.reference not in body(c.get("/tipoffs/unit/export.csv"))


def test_the_unit_export_has_no_identity_columns(case):
    text = body(client_for("xihu_approver").get("/tipoffs/unit/export.csv"))
    header = text.splitlines()[0]
    assert "举报人" not in header and "领奖人" not in header and "原文" not in header
    assert case[0].reference in text


# API


def call(c: Client, method: str, path: str, key: str | None = None, payload=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    if payload is None:
        return getattr(c, method)(f"/api/v1{path}", **headers)
    return getattr(c, method)(
        f"/api/v1{path}", data=json.dumps(payload), content_type="application/json", **headers
    )


@pytest.fixture
def keys(org):
    admin = person("admin")
    return {
        "xihu": issue_token(org("xihu"), "西湖区系统", admin)[1],
        "shangcheng": issue_token(org("shangcheng"), "上城区系统", admin)[1],
    }


def test_api_endpoints_never_carry_the_identity(case, keys):
    tipoff, code, photo, secrets = case
    c = Client()
    ref = tipoff.reference
    answers = {
        "public list": call(c, "get", "/tipoffs/public"),
        "public case": call(c, "get", f"/tipoffs/public/{ref}"),
        "track": call(c, "post", "/tipoffs/track", payload={"code": code}),
        "unit list": call(c, "get", "/tipoffs/assigned", keys["xihu"]),
        "unit case": call(c, "get", f"/tipoffs/assigned/{ref}", keys["xihu"]),
    }
    for name, response in answers.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert [s for s in secrets if s in text] == [], name
    unit_case = answers["unit case"].json()
    assert unit_case["description"] == "某河段排污口流出黑色污水。"
    assert unit_case["additions"] == ["补充：夜间排放更多。"]
    assert not {"name", "phone", "email", "identity", "claim"} & set(unit_case)
    media = c.get(unit_case["media"][0]["url"], HTTP_AUTHORIZATION=f"Bearer {keys['xihu']}")
    assert media.status_code == 200 and b"Exif" not in b"".join(media.streaming_content)


def test_api_unit_endpoints_need_the_assigned_units_token(case, keys):
    tipoff, _, photo, _ = case
    c = Client()
    ref = tipoff.reference
    assert call(c, "get", "/tipoffs/assigned").status_code == 401
    assert call(c, "get", "/tipoffs/assigned", keys["shangcheng"]).json() == []
    assert call(c, "get", f"/tipoffs/assigned/{ref}", keys["shangcheng"]).status_code == 404
    media = f"/tipoffs/assigned/{ref}/media/{photo.pk}"
    assert call(c, "get", media, keys["shangcheng"]).status_code == 404
    assert call(c, "get", "/tipoffs/assigned", "qs_forged-key").status_code == 401
