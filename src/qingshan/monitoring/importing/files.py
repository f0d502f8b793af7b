"""The upload as a file: its type is decided by the bytes (not the name), its size is capped,
and a zip (xlsx) is opened to check it is a workbook and not a zip bomb.

Data files are far larger than the reporting workbooks, so the caps are ours (200 MB per file,
2 GB inflated); everything that is not a zip goes through `qingshan.uploads.sniff`, the
project's content check, which tells text (CSV) from legacy Office (.xls) and refuses the rest.
"""

from __future__ import annotations

import io
import zipfile

from qingshan.uploads import UploadError, extension, sniff

from .problems import Checker

MAX_DATA_BYTES = 200 * 1024 * 1024
MAX_REGISTRY_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100  # inflated / compressed beyond this is a bomb, not a worksheet
EXTENSIONS = {"xlsx": {"xlsx"}, "xls": {"xls"}, "csv": {"csv", "txt", "tsv"}}


def _zip_kind(name: str, data: bytes, check: Checker) -> str:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise check.refuse("文件损坏", f"{name}：文件已损坏，无法打开") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_RATIO:
        raise check.refuse("压缩炸弹", f"{name}：压缩内容异常，疑似压缩炸弹，已拒绝")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise check.refuse("文件类型", f"{name}：不是 Excel 工作簿（.xlsx）")
    return "xlsx"


def file_kind(name: str, data: bytes, check: Checker, *, max_bytes: int = MAX_DATA_BYTES) -> str:
    """ "csv", "xlsx" or "xls", decided by the content; the extension must agree."""
    if not data:
        raise check.refuse("文件为空", f"{name}：文件为空")
    if len(data) > max_bytes:
        size, cap = len(data) / 1024 / 1024, max_bytes // 1024 // 1024
        raise check.refuse("文件大小", f"{name}：文件过大（{size:.1f} MB），不能超过 {cap} MB")
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(name, data, check)
    else:
        try:
            sniffed = sniff(data, name)
        except UploadError:
            sniffed = ""
        kind = {"ole": "xls", "text": "csv"}.get(sniffed, "")
        if not kind:
            raise check.refuse("文件类型", f"{name}：只接受 CSV、Excel（.xlsx、.xls）文件")
    if extension(name) not in EXTENSIONS[kind]:
        expected = "、".join(sorted(EXTENSIONS[kind]))
        raise check.refuse(
            "文件类型", f"{name}：扩展名与文件内容不符（内容是 {kind}，应为 {expected}）"
        )
    return kind


def decode_prefix(data: bytes, check: Checker) -> tuple[str, str]:
    """The first 64 kB as text and the file's encoding: UTF-8 (with or without BOM) or, as
    Excel in China saves CSV, GB18030 (a superset of GBK and GB2312)."""
    head = data[:65536]
    try:
        return head.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4 and len(data) > len(head):  # a character cut at the end
            return head[: exc.start].decode("utf-8-sig"), "utf-8"
    return head.decode("gb18030", errors="ignore"), "gb18030"


def gb18030_to_utf8(data: bytes, check: Checker) -> bytes:
    try:
        return data.decode("gb18030").encode("utf-8")
    except UnicodeDecodeError:
        raise check.refuse(
            "文件编码", "CSV 文件的编码无法识别，请保存为 UTF-8 或 GBK/GB18030 编码"
        ) from None
