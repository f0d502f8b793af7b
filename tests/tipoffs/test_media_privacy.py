"""What anybody but the office is served has no metadata: EXIF and GPS go from photos, the
location boxes from MP4 videos; the original stays office-only."""

from __future__ import annotations

import io
import struct

import pytest
from django.test import Client
from PIL import Image

from qingshan.tipoffs.media import MediaError, clean_photo, strip_mp4
from qingshan.tipoffs.models import Attachment

from .conftest import jpeg_with_gps, person, upload

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(track_handler: bytes = b"vide") -> bytes:
    """A minimal MP4: ftyp, moov with a track and a udta/©xyz location (as phones write it),
    then mdat."""
    ftyp = box(b"ftyp", b"isom" + b"\x00\x00\x02\x00" + b"isomiso2avc1mp41")
    xyz = box(b"\xa9xyz", struct.pack(">HH", 18, 0x15C7) + b"+30.2741+120.1551/")
    hdlr = box(b"hdlr", bytes(8) + track_handler + bytes(12) + b"Track\x00")
    trak = box(b"trak", box(b"tkhd", bytes(84)) + box(b"mdia", hdlr))
    meta = box(b"meta", bytes(4) + box(b"ilst", b"com.apple.quicktime.location.ISO6709"))
    moov = box(b"moov", box(b"mvhd", bytes(100)) + trak + box(b"udta", xyz) + meta)
    mdat = box(b"mdat", b"frame-data-" * 40)
    return ftyp + moov + mdat


def served(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def test_the_test_photo_really_carries_gps():
    with Image.open(io.BytesIO(jpeg_with_gps())) as img:
        exif = img.getexif()
        assert exif.get_ifd(GPS_IFD)[2] == (30.0, 15.0, 0.0)
        assert exif[0x0110] == "Model X"


def test_a_cleaned_photo_has_no_exif_and_is_turned_upright():
    fmt, data = clean_photo(jpeg_with_gps(size=(800, 600)))
    assert fmt == "JPEG"
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif() and "exif" not in img.info and "icc_profile" not in img.info
        assert img.size == (600, 800)  # orientation 6 applied, then dropped
    assert b"Exif" not in data and b"QingshanPhone" not in data


def test_large_photos_are_shown_at_most_2048_pixels_wide():
    _, phone = clean_photo(jpeg_with_gps(size=(4032, 3024)))
    with Image.open(io.BytesIO(phone)) as img:
        assert img.size == (1512, 2016)  # decoded at half size, turned upright
    _, big = clean_photo(jpeg_with_gps(size=(6000, 4000)))
    with Image.open(io.BytesIO(big)) as img:
        assert max(img.size) == 2048
    _, small = clean_photo(jpeg_with_gps(size=(800, 600)))
    with Image.open(io.BytesIO(small)) as img:
        assert img.size == (600, 800)  # never enlarged


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_is_refused():
    out = io.BytesIO()
    Image.new("1", (10000, 10000)).save(out, "PNG")  # 100 megapixels in a few kilobytes
    with pytest.raises(MediaError):
        clean_photo(out.getvalue())


def test_the_served_copy_of_an_uploaded_photo_has_no_exif_but_the_office_original_does(
    report, assigned, client
):
    tipoff, code = assigned()
    attachment = Attachment.objects.get(tipoff=tipoff)
    client.force_login(person("xihu_reporter"))
    shown = served(client, f"/tipoffs/media/{attachment.pk}/")
    with Image.open(io.BytesIO(shown)) as img:
        assert not img.getexif() and b"Exif" not in shown
    assert client.get(f"/tipoffs/media/{attachment.pk}/original/").status_code == 403
    client.force_login(person("office"))
    original = served(client, f"/tipoffs/media/{attachment.pk}/original/")
    with Image.open(io.BytesIO(original)) as img:
        assert img.getexif().get_ifd(GPS_IFD)[4] == (120.0, 8.0, 0.0)


def test_media_is_never_under_a_public_url(assigned, client):
    tipoff, _ = assigned()
    attachment = Attachment.objects.get(tipoff=tipoff)
    assert client.get("/media/" + attachment.shown.name).status_code == 404
    assert client.get(f"/tipoffs/media/{attachment.pk}/").status_code == 302  # to login
    assert client.get(f"/tipoffs/media/{attachment.pk}/original/").status_code == 302


def test_mp4_location_boxes_are_blanked_without_moving_the_data():
    original = mp4()
    f = io.BytesIO(original)
    blanked, timed = strip_mp4(f)
    cleaned = f.getvalue()
    assert (blanked, timed) == (2, False)  # udta and meta
    assert len(cleaned) == len(original)
    assert b"+30.2741" not in cleaned and b"ISO6709" not in cleaned
    assert cleaned.index(b"mdat") == original.index(b"mdat")
    assert cleaned.endswith(b"frame-data-" * 40)


def test_a_video_with_a_timed_metadata_track_is_kept_for_the_office(report):
    tipoff, _ = report(videos=[upload("gopro.mp4", mp4(b"meta"), "video/mp4")])
    video = Attachment.objects.get(tipoff=tipoff, kind="video")
    assert video.is_hidden
    plain, _ = report(videos=[upload("phone.mp4", mp4(), "video/mp4")])
    assert not Attachment.objects.get(tipoff=plain, kind="video").is_hidden


def test_the_reporter_sees_clean_copies_through_signed_links(report, client):
    tipoff, code = report(photos=[upload("a.jpg", jpeg_with_gps())])
    attachment = Attachment.objects.get(tipoff=tipoff)
    page = client.post("/tipoffs/track/", {"code": code})
    links = [u for u in page.context["case"].photos]
    assert len(links) == 1 and "?t=" in links[0]
    data = served(client, links[0])
    assert b"Exif" not in data
    forged = f"/tipoffs/media/{attachment.pk}/?t={links[0].split('?t=')[1][:-3]}abc"
    assert client.get(forged).status_code == 404
    other = report(photos=[upload("b.jpg", jpeg_with_gps())])[0]
    other_pk = Attachment.objects.get(tipoff=other).pk
    token = links[0].split("?t=")[1]
    assert client.get(f"/tipoffs/media/{other_pk}/?t={token}").status_code == 404
