"""Photos and videos are served only through these views, never from a public media URL:
the metadata-free copy to the office, the assigned unit and (through a signed, expiring link
on the tracking page) the reporter; the original only to the office."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from qingshan.reporting.permissions import actor_for

from .access import can_see_original, can_see_shown_copy
from .models import Attachment
from .presenters import media_token_valid


def _serve(file, content_type: str, name: str) -> HttpResponseBase:
    response = FileResponse(file.open("rb"), content_type=content_type, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def shown_copy(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = get_object_or_404(Attachment.objects.select_related("tipoff", "addition"), pk=pk)
    token = request.GET.get("t", "")
    if not (token and media_token_valid(token, attachment.pk)):
        if not request.user.is_authenticated:
            if token:
                raise Http404()
            return redirect_to_login(request.get_full_path())
        if not can_see_shown_copy(actor_for(request.user), attachment):
            raise Http404()  # another unit's file looks exactly like a missing one
    extension = attachment.shown.name.rsplit(".", 1)[-1]
    return _serve(
        attachment.shown, attachment.content_type, f"{attachment.tipoff.reference}-{pk}.{extension}"
    )


@require_GET
def original(request: HttpRequest, pk: int) -> HttpResponseBase:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_see_original(actor_for(request.user)):
        raise PermissionDenied("原始文件只有办公室可以查看")
    attachment = get_object_or_404(Attachment.objects.select_related("tipoff"), pk=pk)
    extension = attachment.original.name.rsplit(".", 1)[-1]
    return _serve(
        attachment.original,
        attachment.content_type,
        f"{attachment.tipoff.reference}-{pk}-original.{extension}",
    )
