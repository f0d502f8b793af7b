"""The legacy binary format (.xls): an OLE compound file holding the BIFF "Workbook" stream.

Only what the import needs: the stream itself, and its FORMULA and FILEPASS records.
"""

from __future__ import annotations

import struct

from .files import Formula

_ENDOFCHAIN = 0xFFFFFFFA  # sector ids at or above this are markers, not sectors


def ole_stream(data: bytes, wanted: tuple[str, ...] = ("Workbook", "Book")) -> bytes:
    """The named stream of an OLE compound file (enough of [MS-CFB] to read xls files)."""
    if len(data) < 512 or not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ValueError("not an OLE compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise ValueError("bad sector size")
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", data, 44)
    cutoff, first_minifat, _n_minifat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 56)
    total_sectors = len(data) // size

    def sector(sid: int) -> bytes:
        chunk = data[(sid + 1) * size : (sid + 2) * size]
        if len(chunk) != size:
            raise ValueError("truncated file")
        return chunk

    difat = list(struct.unpack_from("<109I", data, 76))
    sid = first_difat
    for _ in range(min(n_difat, total_sectors)):
        if sid >= _ENDOFCHAIN:
            break
        ids = struct.unpack(f"<{size // 4}I", sector(sid))
        difat.extend(ids[:-1])
        sid = ids[-1]
    fat: list[int] = []
    for fat_sid in [s for s in difat if s < _ENDOFCHAIN][:n_fat]:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(fat_sid)))

    def chain(start: int, table: list[int]) -> list[int]:
        sids: list[int] = []
        while start < _ENDOFCHAIN:
            if start >= len(table) or len(sids) > len(table):
                raise ValueError("broken sector chain")
            sids.append(start)
            start = table[start]
        return sids

    directory = b"".join(sector(s) for s in chain(first_dir, fat))
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_len = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(0, name_len - 2)].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<IQ", entry, 116)
        if size == 512:
            length &= 0xFFFFFFFF
        entries.append((name, entry[66], start, length))
    if not entries:
        raise ValueError("no directory")
    for name, kind, start, length in entries:
        if kind != 2 or name.lower() not in {w.lower() for w in wanted}:
            continue
        if length > len(data) * 2:
            raise ValueError("stream larger than the file")
        if length >= cutoff:
            return b"".join(sector(s) for s in chain(start, fat))[:length]
        root_start, root_length = entries[0][2], entries[0][3]
        mini_stream = b"".join(sector(s) for s in chain(root_start, fat))[:root_length]
        minifat_bytes = b"".join(sector(s) for s in chain(first_minifat, fat))
        minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
        return b"".join(mini_stream[s * 64 : s * 64 + 64] for s in chain(start, minifat))[:length]
    raise ValueError("no workbook stream")


def biff_formulas(stream: bytes) -> tuple[list[Formula], bool]:
    """FORMULA records of a BIFF5/8 workbook stream as (sheet, row, column, "="), and whether
    the workbook is encrypted (a FILEPASS record)."""
    sheets: dict[int, str] = {}
    current, encrypted, biff8, codepage = "", False, True, "cp1252"
    found: list[Formula] = []
    pos = 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        if kind == 0x0809 and len(body) >= 4:  # BOF
            if not sheets and not current:
                biff8 = struct.unpack_from("<H", body, 0)[0] >= 0x0600
            current = sheets.get(pos, current)
        elif kind == 0x0042 and len(body) >= 2:  # CODEPAGE
            number = struct.unpack_from("<H", body, 0)[0]
            codepage = "utf-16-le" if number == 1200 else f"cp{number}"
        elif kind == 0x0085 and len(body) >= 8:  # BOUNDSHEET
            offset, count = struct.unpack_from("<I", body, 0)[0], body[6]
            if biff8:
                wide = body[7] & 1
                raw = body[8 : 8 + count * (2 if wide else 1)]
                encoding = "utf-16-le" if wide else "latin-1"
            else:
                raw, encoding = body[7 : 7 + count], codepage
            try:
                sheets[offset] = raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                sheets[offset] = raw.decode("latin-1")
        elif kind == 0x002F:  # FILEPASS
            encrypted = True
        elif kind == 0x0006 and len(body) >= 4:  # FORMULA
            row, col = struct.unpack_from("<HH", body, 0)
            found.append((current, row + 1, col + 1, "=（公式）"))
        pos += 4 + length
    return found, encrypted
