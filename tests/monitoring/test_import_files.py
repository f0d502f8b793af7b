"""The upload as a file: type decided by content, size capped, no header, odd encodings."""

from __future__ import annotations

import io
import zipfile

import pytest

from qingshan.monitoring.importing import ImportRefused, files, import_file
from qingshan.monitoring.models import ImportBatch

GOOD = "站点编码,时间,PM2.5\r\n1001A,2020-01-01 01:00,35\r\n".encode()


def refusal(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ImportRefused) as caught:
        import_file(name, data, source="cli", **kwargs)
    assert ImportBatch.objects.count() == 0
    (problem,) = caught.value.problems
    assert problem.row is None and problem.file == name
    return problem.rule


def test_the_type_is_decided_by_the_content_not_the_name(stations):
    assert refusal("air.xlsx", GOOD) == "文件类型"  # CSV text named .xlsx
    assert refusal("air.csv", b"%PDF-1.7\n...") == "文件类型"
    assert refusal("air.csv", b"\x89PNG\r\n\x1a\n" + b"\0" * 20) == "文件类型"


def test_a_plain_zip_is_not_a_workbook(stations):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.csv", GOOD)
    assert refusal("air.xlsx", out.getvalue()) == "文件类型"


def test_a_zip_bomb_is_refused(stations):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    assert refusal("air.xlsx", out.getvalue()) == "压缩炸弹"


def test_empty_and_oversized_files_are_refused(stations, monkeypatch):
    assert refusal("air.csv", b"") == "文件为空"
    monkeypatch.setattr(files, "MAX_DATA_BYTES", 20)
    monkeypatch.setattr("qingshan.monitoring.importing.MAX_DATA_BYTES", 20)
    assert refusal("air.csv", GOOD) == "文件大小"


def test_a_file_without_a_header_we_know_is_refused(stations):
    assert refusal("air.csv", b"a,b,c\r\n1,2,3\r\n") == "表头"


def test_a_header_without_data_is_refused(stations):
    assert refusal("air.csv", "站点编码,时间,PM2.5\r\n\r\n".encode()) == "无数据"


def test_a_corrupt_workbook_is_refused(stations):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", "not xml")
    assert refusal("air.xlsx", out.getvalue()) == "文件损坏"


def test_utf8_header_with_gbk_further_down_is_read_as_gb18030(stations):
    lines = [f"1001A,2020-{m:02d}-{d:02d} {h:02d}:00,35" for m in (1, 2, 3, 4) for d in range(1, 29)
             for h in range(1, 24)]  # fmt: skip
    data = ("code,time,PM2.5\r\n" + "\r\n".join(lines) + "\r\n").encode()  # > 64 kB of ASCII
    data += "1001A,2020-05-01 01:00,未检出\r\n".encode("gbk")
    assert len(data) > 65536
    with pytest.raises(ImportRefused) as caught:
        import_file("air.csv", data, source="cli")
    # Read (no encoding error), then refused on its merits: the GBK "未检出" came through.
    assert [(p.rule, p.value) for p in caught.value.problems] == [("未检出", "未检出")]


def test_quoted_line_breaks_keep_row_numbers_right(stations):
    data = '站点编码,时间,PM2.5,备注\r\n1001A,2020-01-01 01:00,35,"两行\r\n备注"\r\n1001A,2020-01-01 02:00,abc,\r\n'
    with pytest.raises(ImportRefused) as caught:
        import_file("air.csv", data.encode(), source="cli")
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "C")]
