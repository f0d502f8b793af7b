"""Evidence files: the type is decided by the bytes, not the name, and size is capped.

Accepted: PDF, JPEG, PNG, Office Open XML (docx, xlsx, pptx), legacy Office (doc, xls), CSV and
plain text.  Zip-based files are opened to check they are what they claim and are not zip bombs.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed beyond this is a bomb, not a document

EXTENSIONS = {
    "pdf": {"pdf"},
    "jpeg": {"jpg", "jpeg"},
    "png": {"png"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "ole": {"doc", "xls", "ppt"},
    "text": {"csv", "txt"},
}
OOXML_MARKERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


class UploadError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    size: int


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_kind(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise UploadError(f"{name}: 文件已损坏，无法打开") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_RATIO:
        raise UploadError(f"{name}: 压缩内容异常（解压后 {total} 字节），疑似压缩炸弹，已拒绝")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise UploadError(f"{name}: 不是 Office 文档（普通压缩包不能作为佐证材料）")
    for kind, marker in OOXML_MARKERS.items():
        if any(n.startswith(marker) for n in names):
            return kind
    raise UploadError(f"{name}: 无法识别的 Office 文档")


def sniff(data: bytes, name: str) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if b"\x00" not in data[:4096]:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                data[:65536].decode(encoding)
                return "text"
            except UnicodeDecodeError as exc:
                if exc.start > 65536 - 4:  # a multi-byte character cut at the sample's end
                    return "text"
    raise UploadError(f"{name}: 不支持的文件类型（允许 PDF、图片、Word、Excel、PPT、CSV、TXT）")


def check_upload(name: str, data: bytes) -> CheckedUpload:
    if not data:
        raise UploadError(f"{name}: 文件为空")
    if len(data) > MAX_BYTES:
        raise UploadError(f"{name}: 文件过大（{len(data) // 1024 // 1024} MB，上限 20 MB）")
    kind = sniff(data, name)
    if extension(name) not in EXTENSIONS[kind]:
        allowed = "、".join(sorted(EXTENSIONS[kind]))
        raise UploadError(f"{name}: 扩展名与文件内容不符（内容是 {kind}，应为 {allowed}）")
    return CheckedUpload(name=name, kind=kind, size=len(data))
