"""Refuse oversized uploads before they are read.

A request whose declared length exceeds what the form can legitimately carry is answered 413
without reading its body.  Otherwise an upload handler counts each file's bytes as they stream
in and stops the upload as soon as one file passes its limit (10 MB a photo, 100 MB a video),
so a lying client cannot make the server store 200 MB either.

Upload handlers must be installed before the body is parsed, and CSRF checking parses it: the
views are therefore wrapped CSRF-exempt and checked with csrf_protect right after the handler
is in place — Django's documented pattern; CSRF protection stays on."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .media import MAX_PHOTOS, MAX_REQUEST_BYTES, MAX_VIDEOS, PHOTO_MAX_BYTES, VIDEO_MAX_BYTES

FIELD_LIMITS = {"photos": (PHOTO_MAX_BYTES, MAX_PHOTOS, "照片", "10 MB"),
                "video": (VIDEO_MAX_BYTES, MAX_VIDEOS, "视频", "100 MB")}  # fmt: skip
REFUSED = "tipoff_upload_refused"


class SizeLimitHandler(FileUploadHandler):
    """Counts every file's bytes and the number of files per field; stops at the first excess."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.files_per_field: dict[str, int] = {}
        self.received = 0
        self.limit = 0
        self.label = ""
        self.limit_text = ""

    def _refuse(self, message: str) -> None:
        setattr(self.request, REFUSED, message)
        raise StopUpload(connection_reset=True)

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        if field_name not in FIELD_LIMITS:
            self._refuse("表单中有无法识别的文件")
        self.limit, most, self.label, self.limit_text = FIELD_LIMITS[field_name]
        self.files_per_field[field_name] = self.files_per_field.get(field_name, 0) + 1
        if self.files_per_field[field_name] > most:
            self._refuse(f"{self.label}最多 {most} 个")
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse(f"{self.label}过大：每个不超过 {self.limit_text}")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def too_large(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "tipoffs/too_large.html", {"message": message}, status=413)


def refused_upload(request: HttpRequest) -> str | None:
    return getattr(request, REFUSED, None)


def limited_upload(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > MAX_REQUEST_BYTES:
                return too_large(
                    request,
                    f"上传内容共 {length / 1024 / 1024:.0f} MB，超过上限"
                    f"（照片每张 10 MB、最多 9 张，视频 100 MB）。",
                )
            request.upload_handlers.insert(0, SizeLimitHandler(request))  # type: ignore[union-attr]
        return protected(request, *args, **kwargs)

    return wrapper
