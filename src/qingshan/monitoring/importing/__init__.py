"""Importing monitoring data and the station/section registry: a whole file, validated, then
stored all at once or not at all.

    import_file(name, data, source="upload", user=request.user)      # CSV, xlsx, xls
    import_records(rows, kind="air", source="api", label="API 令牌 …")  # JSON records

The kind ("air", "water", "stations", "sections") is read from the header when not given.
Every problem of the file is collected with its file, row, column, value and rule and raised
as `ImportRefused`; nothing is written then.  Otherwise the difference with what is stored is
written in one transaction, counted in an `ImportBatch` (created / updated / unchanged), with
a `Revision` for each corrected value and an audit event, and the statistics are scheduled for
recomputation once the transaction commits.  Accepted formats and every rule:
docs/monitoring-import.md.

Modules: `files` (type, size, zip bombs, encoding), `sheet` (CSV/Excel/JSON → text table),
`headers` and `layout` (which column is what, which kind), `cells` and `times` (values and
timestamps, vectorised), `sites` (stations and sections, active dates), `air` and `water` (the
checks), `saving` and `store` (comparison and bulk writes), `progress` (stages for the CLI and
the upload page).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from qingshan.monitoring.models import ImportBatch

from .air import read_air
from .files import MAX_DATA_BYTES, MAX_REGISTRY_BYTES, file_kind
from .headers import header_score
from .layout import KIND_LABELS, KINDS, Layout, build_layout, detect_kind, drop_summaries
from .problems import Checker, ImportRefused, Problem
from .progress import Progress
from .saving import Origin, save_air, save_water
from .sheet import Sheet, read_csv, read_excel, sheet_from_records
from .water import read_water

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "MAX_DATA_BYTES",
    "ImportRefused",
    "ImportResult",
    "Problem",
    "Progress",
    "import_file",
    "import_records",
]


@dataclass
class ImportResult:
    batch: ImportBatch
    flagged: int = 0  # values stored with the flag "IMP" (above the plausibility ceiling)
    ignored: list[str] = field(default_factory=list)  # columns not understood, not imported
    extras: int = 0  # water parameters outside GB 3838 (电导率 …), not stored
    summaries: int = 0  # statistics rows (平均值, 最大值 …) skipped

    @property
    def kind(self) -> str:
        return self.batch.kind


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def import_file(
    name: str,
    data: bytes,
    *,
    kind: str | None = None,
    source: str,
    user: Any = None,
    label: str = "",
    automatic: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import an uploaded file; raise `ImportRefused` (nothing stored) if anything is wrong."""
    _check_kind(kind)
    progress = progress or Progress()
    check = Checker(name)
    try:
        progress.stage("读取文件", len(data))
        cap = MAX_REGISTRY_BYTES if kind in ("stations", "sections") else MAX_DATA_BYTES
        reader = read_csv if file_kind(name, data, check, max_bytes=cap) == "csv" else read_excel
        sheet = reader(name, data, header_score, check)
        progress.advance(len(data))
        digest = hashlib.sha256(data).hexdigest()
        origin = Origin(source, name, digest, sheet.frame.height, user, label)
        result = _import_sheet(sheet, kind, origin, automatic, progress, check, len(data))
    except ImportRefused:
        progress.finish("refused")
        raise
    progress.finish("ok")
    return result


def import_records(
    records: list[dict[str, Any]],
    *,
    kind: str | None = None,
    name: str = "接口数据",
    source: str = ImportBatch.Source.API,
    user: Any = None,
    label: str = "",
    automatic: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import JSON records (one object per row, keys as a file's header) the same way."""
    _check_kind(kind)
    progress = progress or Progress()
    check = Checker(name)
    if not records:
        raise check.refuse("无数据", "没有数据行")
    canonical = json.dumps(records, ensure_ascii=False, sort_keys=True, default=str).encode()
    sheet = sheet_from_records(name, records)
    origin = Origin(source, name, hashlib.sha256(canonical).hexdigest(), len(records), user, label)
    try:
        result = _import_sheet(sheet, kind, origin, automatic, progress, check, 0)
    except ImportRefused:
        progress.finish("refused")
        raise
    progress.finish("ok")
    return result


def _import_sheet(
    sheet: Sheet,
    kind: str | None,
    origin: Origin,
    automatic: bool,
    progress: Progress,
    check: Checker,
    size: int,
) -> ImportResult:
    layout: Layout = build_layout(sheet, check)
    kind = kind or detect_kind(sheet, layout, check)
    if kind in ("stations", "sections"):
        if size > MAX_REGISTRY_BYTES:
            raise check.refuse("文件大小", f"{sheet.file}：名录文件不能超过 10 MB")
        # Imported here: the registry module reads its sheets with this package.
        from qingshan.monitoring.registry import import_registry

        batch = import_registry(sheet, layout, kind, origin, check, progress)
        return ImportResult(batch, ignored=layout.ignored)
    summaries = drop_summaries(sheet, layout)
    origin.rows -= summaries
    if sheet.frame.height == 0:
        raise check.refuse("无数据", f"{sheet.file}：表头下没有数据行")
    progress.stage("校验数据", sheet.frame.height)
    if kind == "air":
        air = read_air(sheet, layout, check)
        check.raise_if_any()
        if air.frame.height == 0:
            raise check.refuse("无数据", f"{sheet.file}：没有可导入的监测值")
        progress.advance(sheet.frame.height)
        batch = save_air(air, origin, progress)
        return ImportResult(batch, air.flagged, air.ignored, summaries=summaries)
    water = read_water(sheet, layout, check, automatic=automatic)
    check.raise_if_any()
    if water.frame.height == 0:
        raise check.refuse("无数据", f"{sheet.file}：没有可导入的监测值")
    progress.advance(sheet.frame.height)
    batch = save_water(water, origin, progress)
    return ImportResult(batch, ignored=water.ignored, extras=water.extras, summaries=summaries)
