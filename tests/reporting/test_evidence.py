"""Evidence files are checked by content and size; refused files store nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from qingshan.reporting import services
from qingshan.reporting.models import Evidence
from qingshan.uploads import MAX_BYTES, UploadError, check_upload

from .conftest import actor

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>造林</w:document>")
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("清单.pdf", PDF, "pdf"),
        ("现场.PNG", PNG, "png"),
        ("说明.docx", docx_bytes(), "docx"),
        ("台账.csv", "序号,地块\n1,西湖".encode("gb18030"), "text"),
    ],
)
def test_accepted_files(name, data, kind):
    assert check_upload(name, data).kind == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 100, "不支持的文件类型"),  # an .exe named .pdf
        ("photo.jpg", PDF, "扩展名与文件内容不符"),
        ("archive.docx", b"PK\x03\x04" + b"broken", "损坏"),
        ("bomb.docx", zip_bomb(), "压缩炸弹"),
        ("empty.pdf", b"", "文件为空"),
        ("huge.pdf", b"%PDF-" + b"0" * MAX_BYTES, "文件过大"),
    ],
)
def test_refused_files(name, data, message):
    with pytest.raises(UploadError, match=message):
        check_upload(name, data)


def test_plain_zip_is_not_a_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("payload.exe", b"MZ")
    with pytest.raises(UploadError, match="不是 Office 文档"):
        check_upload("材料.docx", buffer.getvalue())


def test_evidence_is_stored_with_its_hash_and_audited(quarter, task, org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    report = services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"narrative": "造林"}
    )
    evidence = services.add_evidence(actor("xihu_reporter"), report, "造林清单.pdf", PDF)
    assert evidence.sha256 == __import__("hashlib").sha256(PDF).hexdigest()
    assert evidence.file.read() == PDF
    with pytest.raises(services.ReportingError, match="已上传过"):
        services.add_evidence(actor("xihu_reporter"), report, "again.pdf", PDF)


def test_a_refused_upload_stores_nothing(quarter, task, org, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    report = services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"narrative": "造林"}
    )
    with pytest.raises(UploadError):
        services.add_evidence(actor("xihu_reporter"), report, "fake.pdf", b"MZ\x90\x00")
    assert not Evidence.objects.exists()
    assert not any(tmp_path.rglob("*"))


def test_evidence_download_follows_who_may_read_the_report(
    client, quarter, task, org, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    report = services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"narrative": "造林"}
    )
    evidence = services.add_evidence(actor("xihu_reporter"), report, "清单.pdf", PDF)
    from .conftest import person

    client.force_login(person("xihu_approver"))
    response = client.get(f"/reporting/evidence/{evidence.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(person("sthjj_reporter"))
    assert client.get(f"/reporting/evidence/{evidence.pk}/").status_code == 403
