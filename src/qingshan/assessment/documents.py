"""An assessment run as documents: the Chinese report as PDF, the score tables as Excel."""

from __future__ import annotations

import io
from html import escape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import AssessmentRun, Score

BAR = "#1f7a4d"


def bar_chart_svg(scores: list[Score], width: int = 640) -> str:
    """Horizontal bars of the totals, drawn as SVG so the PDF needs no script to show them."""
    rows = [s for s in scores if s.total is not None]
    if not rows:
        return ""
    label_w, bar_h, gap, top = 210, 14, 6, 8
    height = top + len(rows) * (bar_h + gap) + 20
    scale = (width - label_w - 50) / 100
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="10" font-family="Noto Sans CJK SC">'
    ]
    for tick in range(0, 101, 20):
        x = label_w + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 16}" stroke="#ddd"/>'
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" fill="#666">{tick}</text>'
        )
    for i, s in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = float(s.total) * scale  # type: ignore[arg-type]
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h - 3}" text-anchor="end">{escape(_short(s.org_name))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{BAR}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}">{s.total}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def report_context(run: AssessmentRun) -> dict:
    scores = list(run.scores.all())  # type: ignore[attr-defined]
    groups = []
    for key, label in Score.Group.choices:
        members = sorted(
            (s for s in scores if s.group == key),
            key=lambda s: (s.rank is None, s.rank or 0, s.org_name),
        )
        if members:
            groups.append(
                {"key": key, "label": label, "scores": members, "chart": bar_chart_svg(members)}
            )
    return {
        "run": run,
        "groups": groups,
        "rules": run.scheme.rules,
        "generated_at": timezone.now(),
        "draft": not run.is_published,
    }


def report_pdf(run: AssessmentRun) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a moment at start-up

    html = render_to_string("assessment/report_pdf.html", report_context(run))
    return HTML(string=html).write_pdf()


def stored_report_pdf(run: AssessmentRun) -> bytes:
    """The run's PDF, rendered once and kept: a run never changes, and publishing (the one
    change it accepts) names a new file, since the preview carries the 预览稿 mark."""
    state = "published" if run.is_published else "preview"
    name = f"assessment-reports/run-{run.pk}-{run.created_at:%Y%m%d%H%M%S%f}-{state}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    data = report_pdf(run)
    if not default_storage.exists(name):  # another request may have stored it meanwhile
        default_storage.save(name, ContentFile(data))
    return data


HEADERS = ["名次", "单位", "等次", "总分", "任务完成", "进展报送", "指标达成", "扣分", "说明"]


def _item(score: Score, key: str):
    item = score.item(key)
    if item is None:
        return ""
    return "不适用" if item["score"] is None else item["score"]


def score_workbook(run: AssessmentRun) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    header_fill = PatternFill("solid", fgColor="DCEFE3")
    context = report_context(run)
    for group in context["groups"]:
        sheet = book.create_sheet(group["label"][:31])
        sheet.append([run.title + "（" + group["label"] + "）"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(HEADERS)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
        for s in group["scores"]:
            sheet.append(
                [
                    s.rank,
                    s.org_name,
                    s.grade,
                    None if s.total is None else float(s.total),
                    _item(s, "tasks"),
                    _item(s, "reporting"),
                    _item(s, "indicators"),
                    s.deduction_total,
                    s.note,
                ]
            )
        for index, width in enumerate([6, 28, 8, 8, 10, 10, 10, 8, 40], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    detail = book.create_sheet("评分明细")
    detail.append(["单位", "评分项", "权重", "实际权重", "得分", "折合分", "说明"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for s in run.scores.all():  # type: ignore[attr-defined]
        for item in s.items:
            detail.append(
                [
                    s.org_name,
                    item["label"],
                    item["weight"],
                    item["effective_weight"],
                    "不适用" if item["score"] is None else item["score"],
                    item["points"],
                    item["explanation"],
                ]
            )
        for d in s.deductions:
            detail.append([s.org_name, "扣分", None, None, None, -d["points"], d["reason"]])
    detail.column_dimensions["A"].width = 28
    detail.column_dimensions["G"].width = 60
    for row in detail.iter_rows(min_row=2):
        row[6].alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
