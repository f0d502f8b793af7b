"""A 200 MB video is refused without being read, and a video over 100 MB is cut off while it
streams: neither is ever held in memory.  The bodies come from sparse temporary files streamed
into the request, so the test itself never holds them either."""

from __future__ import annotations

import tracemalloc

import pytest
from django.utils import timezone

from qingshan.tipoffs.models import Attachment, Tipoff

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
BOUNDARY = "qingshanBoundary7MA4YWxkTrZu0gW"


class MultipartStream:
    """Reads as a multipart/form-data body: the form's fields, then one file part whose
    content is read from a (sparse) file on disk, chunk by chunk.  Counts what is read."""

    def __init__(self, fields: dict[str, str], file_field: str, path, content_type: str):
        head = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        head += (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="clip.mp4"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
        self.head = head
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.file = open(path, "rb")  # noqa: SIM115 (closed in close())
        self.size = path.stat().st_size
        self.length = len(self.head) + self.size + len(self.tail)
        self.pos = 0

    def _slice(self, start: int, end: int) -> bytes:
        out = b""
        h, f = len(self.head), len(self.head) + self.size
        if start < h:
            out += self.head[start : min(end, h)]
        if end > h and start < f:
            self.file.seek(max(start, h) - h)
            out += self.file.read(min(end, f) - max(start, h))
        if end > f:
            out += self.tail[max(start, f) - f : end - f]
        return out

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.length - self.pos
        end = min(self.length, self.pos + size)
        data = self._slice(self.pos, end)
        self.pos = end
        return data

    def readline(self, size: int = -1) -> bytes:
        chunk = self._slice(self.pos, min(self.length, self.pos + (size if size > 0 else 65536)))
        line = chunk.split(b"\n", 1)[0] + (b"\n" if b"\n" in chunk else b"")
        self.pos += len(line)
        return line

    def close(self) -> None:
        self.file.close()


def sparse_mp4(path, size: int):
    with open(path, "wb") as f:
        f.write(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2")
        f.truncate(size)  # the rest is a hole: no disk blocks, no memory
    return path


def fields():
    return {
        "category": "waste_water",
        "description": "暗管偷排。",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "longitude": "120.130000",
        "latitude": "30.250000",
        "pledge": "on",
    }


def send(client, stream: MultipartStream, declared: int | None = None):
    return client.generic(
        "POST",
        "/tipoffs/new/",
        b"",
        # With an empty `data` the test client sets neither header: both are given here.
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(declared if declared is not None else stream.length),
        **{"wsgi.input": stream},
    )


def test_a_200_mb_video_is_refused_before_a_byte_is_read(client, hz, tmp_path):
    stream = MultipartStream(
        fields(), "video", sparse_mp4(tmp_path / "v.mp4", 200 * MB), "video/mp4"
    )
    try:
        response = send(client, stream)
    finally:
        stream.close()
    assert response.status_code == 413
    assert "超过上限" in response.content.decode()
    assert stream.pos == 0
    assert not Tipoff.objects.exists()


def test_a_150_mb_video_within_the_request_limit_is_cut_off_at_100_mb(
    client, hz, tmp_path, media_root
):
    stream = MultipartStream(
        fields(), "video", sparse_mp4(tmp_path / "v.mp4", 150 * MB), "video/mp4"
    )
    tracemalloc.start()
    try:
        response = send(client, stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        stream.close()
    assert response.status_code == 413
    assert "视频过大" in response.content.decode()
    assert 100 * MB < stream.pos < 101 * MB  # stopped just past the limit, the rest unread
    assert peak < 20 * MB
    assert not Tipoff.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*")) if media_root.exists() else True


def test_a_declared_length_smaller_than_the_body_only_lets_that_much_in(client, hz, tmp_path):
    # A client lying low cannot push more than it declared: Django reads CONTENT_LENGTH bytes.
    stream = MultipartStream(
        fields(), "video", sparse_mp4(tmp_path / "v.mp4", 20 * MB), "video/mp4"
    )
    try:
        response = send(client, stream, declared=5 * MB)
    finally:
        stream.close()
    assert stream.pos <= 5 * MB
    assert response.status_code in (200, 400)
    # Whatever arrived (a truncated video at most) is no bigger than what was declared.
    assert all(a.size < 5 * MB for a in Attachment.objects.all())


def test_a_60_mb_video_is_stored_without_being_held_in_memory(client, hz, tmp_path, media_root):
    stream = MultipartStream(
        fields(), "video", sparse_mp4(tmp_path / "v.mp4", 60 * MB), "video/mp4"
    )
    tracemalloc.start()
    try:
        response = send(client, stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        stream.close()
    assert response.status_code == 200, response.content.decode()[:300]
    video = Attachment.objects.get(kind="video")
    assert video.size == 60 * MB
    assert (media_root / video.original.name).stat().st_size == 60 * MB
    assert (media_root / video.shown.name).stat().st_size == 60 * MB
    assert peak < 20 * MB
