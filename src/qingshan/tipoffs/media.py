"""Photos and videos of a report: accepted by their bytes (never their names), limited in size
and number, and copied without any metadata before anybody but the office sees them.

Photos are decoded and re-encoded by Pillow into a fresh image with no EXIF, XMP, ICC or text
chunks (the orientation is applied first, so nothing looks rotated), at most 2048 pixels on the
long side.  MP4 videos keep their pictures; every box that carries metadata (udta, meta, uuid —
where phones write the GPS position) is turned into a `free` box of zeros, which players skip,
so no sample offset moves.  A video with a timed-metadata track (action cameras record GPS
tracks that way) cannot be cleaned like this and is kept for the office only.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

MB = 1024 * 1024
PHOTO_MAX_BYTES = 10 * MB
VIDEO_MAX_BYTES = 100 * MB
MAX_PHOTOS = 9
MAX_VIDEOS = 1
MAX_PIXELS = 50_000_000  # a 50-megapixel photo; anything larger is a decompression bomb
SHOWN_MAX_SIDE = 2048
SHOWN_MIN_SIDE = 1600
# The whole request: every photo and the video at their limits, plus the form's text.
MAX_REQUEST_BYTES = MAX_PHOTOS * PHOTO_MAX_BYTES + MAX_VIDEOS * VIDEO_MAX_BYTES + MB

PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
# ISO base media brands of MP4 files (ISO/IEC 14496-12/-14, 3GPP and the common encoders').
MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
    b"M4V ", b"MSNV", b"dash", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"mmp4", b"f4v ",
}  # fmt: skip
CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"moof", b"traf"}
METADATA_BOXES = {b"udta", b"meta", b"uuid", b"XMP_"}
TIMED_METADATA_HANDLERS = {b"meta", b"camm"}


class MediaError(ValueError):
    pass


@dataclass
class Prepared:
    kind: str  # "photo" | "video"
    content_type: str
    extension: str
    size: int
    sha256: str
    original: IO[bytes]
    shown: IO[bytes]
    office_only: bool = False


def sniff_photo(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def sniff_mp4(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS


def _size_text(size: int) -> str:
    return f"{size / MB:.1f} MB"


def clean_photo(source: bytes | IO[bytes]) -> tuple[str, bytes]:
    """The photo's format and a metadata-free copy of it (from bytes or a file, which Pillow
    then reads as it needs)."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    stream.seek(0)
    fmt = sniff_photo(stream.read(16))
    stream.seek(0)
    if fmt is None:
        raise MediaError("不是 JPEG、PNG 或 WebP 图片")
    try:
        with Image.open(stream) as img:
            if img.format != fmt:
                raise MediaError("图片内容与格式不符")
            if img.width * img.height > MAX_PIXELS:
                raise MediaError(f"图片像素过多（{img.width}×{img.height}）")
            if fmt == "JPEG":
                # Let the decoder scale by 1/2, 1/4 or 1/8 while the long side stays at least
                # SHOWN_MIN_SIDE: several times faster than decoding 12 megapixels, and a
                # phone photo then needs no resizing at all.
                scale = next((k for k in (8, 4, 2) if max(img.size) / k >= SHOWN_MIN_SIDE), 1)
                img.draft("RGB", (-(-img.width // scale), -(-img.height // scale)))
            upright = ImageOps.exif_transpose(img)
            if max(upright.size) > SHOWN_MAX_SIDE:
                upright.thumbnail((SHOWN_MAX_SIDE, SHOWN_MAX_SIDE))
            mode = _output_mode(upright, fmt)
            clean = upright.convert(mode) if upright.mode != mode else upright.copy()
    except MediaError:
        raise
    except Exception:  # Pillow raises many kinds of errors for broken or hostile files
        raise MediaError("图片已损坏或无法识别") from None
    clean.info = {}  # no EXIF, XMP, ICC profile, comments or PNG text chunks travel on
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=85)
    elif fmt == "PNG":
        clean.save(out, "PNG", compress_level=3)
    else:
        clean.save(out, "WEBP", quality=85)
    return fmt, out.getvalue()


def _output_mode(img: Image.Image, fmt: str) -> str:
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    if fmt == "JPEG":
        return "L" if img.mode == "L" else "RGB"
    return "RGBA" if has_alpha else "RGB"


def _boxes(f: IO[bytes], start: int, end: int) -> Iterator[tuple[int, int, int, bytes]]:
    """(offset, header length, size, type) of the boxes between two offsets."""
    pos = start
    while pos + 8 <= end:
        f.seek(pos)
        size, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", f.read(8))
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise MediaError("视频文件结构已损坏")
        yield pos, header, size, kind
        pos += size


def _handler(f: IO[bytes], trak_start: int, trak_end: int) -> bytes | None:
    for pos, header, size, kind in _boxes(f, trak_start, trak_end):
        if kind == b"mdia":
            for p2, h2, _s2, k2 in _boxes(f, pos + header, pos + size):
                if k2 == b"hdlr":
                    f.seek(p2 + h2 + 8)  # version+flags, pre_defined
                    return f.read(4)
    return None


def strip_mp4(f: IO[bytes]) -> tuple[int, bool]:
    """Blank every metadata box of an MP4 in place.  Returns (boxes blanked, whether a
    timed-metadata track remains that blanking cannot clean)."""
    f.seek(0, 2)
    end = f.tell()
    blanked = 0
    timed = False

    def walk(start: int, stop: int) -> None:
        nonlocal blanked, timed
        for pos, header, size, kind in list(_boxes(f, start, stop)):
            if kind in METADATA_BOXES:
                f.seek(pos + 4)
                f.write(b"free")
                f.seek(pos + header)
                left = size - header
                zeros = bytes(min(left, 64 * 1024))
                while left:
                    f.write(zeros[: min(left, len(zeros))])
                    left -= min(left, len(zeros))
                blanked += 1
            elif kind in CONTAINERS:
                if kind == b"trak" and _handler(f, pos + header, pos + size) in (
                    TIMED_METADATA_HANDLERS
                ):
                    timed = True
                walk(pos + header, pos + size)

    walk(0, end)
    f.flush()
    return blanked, timed


def _hash_copy(source: Any, target: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    source.seek(0)
    for chunk in iter(lambda: source.read(1024 * 1024), b""):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    target.seek(0)
    return size, digest.hexdigest()


def _digest(f: Any) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    f.seek(0)
    for chunk in iter(lambda: f.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    f.seek(0)
    return size, digest.hexdigest()


def prepare_photo(upload: Any) -> Prepared:
    """Check and clean a photo.  The upload itself (in memory for small requests, a temporary
    file for large ones, as Django decides) stays the original: it is never copied whole."""
    if upload.size > PHOTO_MAX_BYTES:
        raise MediaError(f"照片过大（{_size_text(upload.size)}，每张不超过 10 MB）")
    size, sha256 = _digest(upload)
    if not size:
        raise MediaError("照片文件为空")
    fmt, shown = clean_photo(upload)
    upload.seek(0)
    content_type, extension = PHOTO_FORMATS[fmt]
    return Prepared("photo", content_type, extension, size, sha256, upload, io.BytesIO(shown))


def prepare_video(upload: Any, workdir: str) -> Prepared:
    if upload.size > VIDEO_MAX_BYTES:
        raise MediaError(f"视频过大（{_size_text(upload.size)}，不超过 100 MB）")
    upload.seek(0)
    if not sniff_mp4(upload.read(16)):
        raise MediaError("视频须为 MP4 格式")
    # The upload (a temporary file: Django keeps large requests on disk) is the original; the
    # copy to clean is streamed into another temporary file, closed by prepared_uploads.  A
    # 100 MB video never sits in memory.
    shown = tempfile.TemporaryFile(dir=workdir)  # noqa: SIM115
    size, sha256 = _hash_copy(upload, shown)
    upload.seek(0)
    _, timed = strip_mp4(shown)
    shown.seek(0)
    return Prepared("video", "video/mp4", ".mp4", size, sha256, upload, shown, timed)


def _describe(kind: str, index: int, total: int) -> str:
    label = "照片" if kind == "photo" else "视频"
    return f"第 {index} 个{label}" if total > 1 else label


@contextmanager
def prepared_uploads(photos: list[Any], videos: list[Any]) -> Iterator[list[Prepared]]:
    """Check and clean every file before anything is stored; raises MediaError naming the
    file at fault.  Temporary copies are removed on leaving the block."""
    if len(photos) > MAX_PHOTOS:
        raise MediaError(f"照片最多 {MAX_PHOTOS} 张（收到 {len(photos)} 张）")
    if len(videos) > MAX_VIDEOS:
        raise MediaError(f"视频最多 {MAX_VIDEOS} 个")
    workdir = tempfile.mkdtemp(prefix="qingshan-tipoff-")
    prepared: list[Prepared] = []
    try:
        for i, photo in enumerate(photos, 1):
            try:
                prepared.append(prepare_photo(photo))
            except MediaError as exc:
                raise MediaError(f"{_describe('photo', i, len(photos))}：{exc}") from None
        for i, video in enumerate(videos, 1):
            try:
                prepared.append(prepare_video(video, workdir))
            except MediaError as exc:
                raise MediaError(f"{_describe('video', i, len(videos))}：{exc}") from None
        yield prepared
    finally:
        for p in prepared:
            p.original.close()
            p.shown.close()
        shutil.rmtree(workdir, ignore_errors=True)


def store(prepared: Prepared, year: int) -> tuple[str, str]:
    """Save both copies under an unguessable folder; returns their storage names."""
    folder = f"tipoffs/{year}/{uuid.uuid4().hex}"
    original = default_storage.save(
        f"{folder}/original{prepared.extension}", File(prepared.original)
    )
    shown = default_storage.save(f"{folder}/shown{prepared.extension}", File(prepared.shown))
    return original, shown
