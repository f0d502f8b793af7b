"""One section's items over a year: mean, range and exceedances of the target class's limit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from qingshan.standards import water_quality

from ..models import WaterSample, WaterSection
from .colours import GRADES
from .limits import water_items, water_limits


@dataclass
class ItemRow:
    item: str
    name: str
    unit: str
    n: int
    below: int
    mean: float | None
    maximum: float | None
    minimum: float | None
    limit: str
    grade: str
    exceed: int

    @property
    def mean_text(self) -> str:
        return significant(self.mean)

    @property
    def range_text(self) -> str:
        if self.minimum is None or self.maximum is None:
            return "—"
        return f"{significant(self.minimum)}～{significant(self.maximum)}"


def _limit_text(direction: str, limit: float | None, limits: tuple) -> str:
    if direction == "range":
        return f"{limits[0]:g}～{limits[1]:g}"
    if limit is None:
        return "—"
    return f"≥{limit:g}" if direction == "ge" else f"≤{limit:g}"


def _exceeds(direction: str, limit: float | None, limits: tuple, value: float) -> bool:
    if direction == "range":
        return not (limits[0] <= value <= limits[1])
    if limit is None:
        return False
    return value < limit if direction == "ge" else value > limit


def target_limit(section: WaterSection, item: str) -> tuple[str, float | None, tuple] | None:
    found = water_limits().get((item, "river" if section.water_body == "river" else "lake"))
    if found is None:
        return None
    direction, limits = found
    index = GRADES.index(section.target_class) if section.target_class in GRADES[:5] else 2
    return direction, limits[index], limits


def item_rows(section: WaterSection, samples: list[WaterSample]) -> list[ItemRow]:
    names = water_items()
    by_item: dict[str, list[WaterSample]] = {}
    for s in samples:
        by_item.setdefault(s.item, []).append(s)
    order = list(names)
    rows = []
    for item in sorted(by_item, key=lambda i: order.index(i) if i in order else 99):
        values, detected = [], []
        below = 0
        for s in by_item[item]:
            if s.below_detection:
                below += 1
                if s.detection_limit is not None:
                    values.append(s.detection_limit / 2)  # as `statistics` averages them
            elif s.value is not None:
                values.append(s.value)
                detected.append(s.value)
        found = target_limit(section, item)
        mean = sum(values) / len(values) if values else None
        grade = ""
        limit_text, exceed = "—", 0
        if found is not None:
            direction, limit, limits = found
            limit_text = _limit_text(direction, limit, limits)
            exceed = sum(
                1
                for s in by_item[item]
                if not s.below_detection
                and s.value is not None
                and _exceeds(direction, limit, limits, s.value)
            )
            if mean is not None:
                body = "river" if section.water_body == "river" else "lake"
                grade = water_quality.item_grade(item, mean, water_body=body) or ""  # type: ignore[arg-type]
        name, unit = names.get(item, (item, ""))
        rows.append(
            ItemRow(
                item,
                name,
                unit,
                len(by_item[item]),
                below,
                mean,
                max(detected) if detected else None,
                min(detected) if detected else None,
                limit_text,
                grade,
                exceed,
            )
        )
    return rows


def significant(value: float | None, digits: int = 4) -> str:
    """A measured value to `digits` significant figures, never in scientific notation."""
    if value is None:
        return "—"
    return format(Decimal(f"{value:.{digits}g}").normalize(), "f")
