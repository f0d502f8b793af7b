"""The upload as a file: its type (decided by the bytes), size, zip bombs, and xlsx formulas.

The legacy .xls format has its own module, `legacy_xls`.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib

from openpyxl.utils import column_index_from_string

from qingshan.uploads import UploadError, check_upload, extension

from .problems import refuse

MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000

# `uploads.check_upload`'s kind → the one extension (and the name of the kind here) accepted.
KIND_BY_CHECKED = {"xlsx": "xlsx", "ole": "xls", "text": "csv"}

Formula = tuple[str, int, int, str]  # sheet, row, column (1-based), formula text


def check_file(name: str, data: bytes) -> str:
    """Decide what the upload is from its bytes; refuse anything but xlsx, xls and CSV."""
    if len(data) > MAX_WORKBOOK_BYTES:
        size = len(data) / 1024 / 1024
        raise refuse("文件大小", f"{name}：文件过大（{size:.1f} MB），工作簿不能超过 10 MB")
    ext = extension(name)
    try:
        checked = check_upload(name, data)
    except UploadError as exc:
        if data.startswith(b"\xd0\xcf\x11\xe0") and ext == "xlsx":
            raise refuse(
                "文件类型",
                f"{name}：这是加密的或旧版（.xls）的 Excel 文件却以 .xlsx 命名；"
                "请在 Excel 中取消打开密码，或“另存为”.xlsx 后再上传",
            ) from None
        rule = "压缩炸弹" if "压缩炸弹" in str(exc) else "文件类型"
        raise refuse(rule, str(exc)) from None
    if ext != KIND_BY_CHECKED.get(checked.kind):
        raise refuse(
            "文件类型", f"{name}：只能上传本系统下载的工作簿（.xlsx），或 .xls、.csv 格式的同样表格"
        )
    return KIND_BY_CHECKED[checked.kind]


def xlsx_parts(name: str, data: bytes) -> dict[str, bytes]:
    """Inflate every member with a cap, so a member that expands beyond what the archive
    declares (a bomb that lies in its headers) is refused; return the sheet XML parts."""
    bomb = refuse("压缩炸弹", f"{name}：压缩内容异常，疑似压缩炸弹，已拒绝")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise refuse("文件损坏", f"{name}：文件已损坏，无法打开") from None
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise bomb
    parts: dict[str, bytes] = {}
    for info in infos:
        header = data[info.header_offset : info.header_offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise refuse("文件损坏", f"{name}：文件已损坏，无法打开")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        raw = data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            content = raw
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            try:
                content = zlib.decompressobj(-15).decompress(raw, info.file_size + 1)
            except zlib.error:
                raise refuse("文件损坏", f"{name}：文件已损坏，无法打开") from None
        else:
            raise refuse("文件类型", f"{name}：不支持的压缩方式")
        if len(content) > info.file_size:
            raise bomb
        if info.filename.startswith("xl/") and info.filename.endswith((".xml", ".rels")):
            parts[info.filename] = content
    return parts


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_sheet_names(parts: dict[str, bytes]) -> dict[str, str]:
    """Worksheet part path → sheet name."""
    try:
        book = ET.fromstring(parts.get("xl/workbook.xml", b"<x/>"))
        rels = ET.fromstring(parts.get("xl/_rels/workbook.xml.rels", b"<x/>"))
    except ET.ParseError:
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id")] = target
    names = {}
    for element in book.iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if rid in targets:
                names[targets[rid]] = element.get("name", "")
    return names


def xlsx_formulas(parts: dict[str, bytes]) -> list[Formula]:
    """The cells of the worksheets that hold a formula (an <f> element)."""
    names = _xlsx_sheet_names(parts)
    found = []
    for path, content in sorted(parts.items()):
        if not path.startswith("xl/worksheets/") or not _FORMULA_TAG.search(content):
            continue
        sheet = names.get(path, path.rsplit("/", 1)[-1])
        row_number, column = 0, 0
        for event, element in ET.iterparse(io.BytesIO(content), events=("start", "end")):
            tag = _local(element.tag)
            if event == "start" and tag == "row":
                row_number = int(element.get("r") or row_number + 1)
                column = 0
            elif event == "end" and tag == "c":
                match = _CELL_REF.match(element.get("r") or "")
                if match:
                    column, row_number = column_index_from_string(match[1]), int(match[2])
                else:
                    column += 1
                formula = next((child for child in element if _local(child.tag) == "f"), None)
                if formula is not None:
                    found.append((sheet, row_number, column, "=" + (formula.text or "…")))
                element.clear()
    return found
