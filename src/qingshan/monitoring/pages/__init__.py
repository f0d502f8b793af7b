"""Read side of the public monitoring pages: queries, table rows and ECharts options.

Pages only read what `statistics` stored (AirDay, AirPeriodStat, WaterClass) and, for the
hourly line and a section's items, the raw data of one station or section; nothing here
computes a standard's figure twice.  Colours: AQI levels take HJ 633-2012 Appendix A colours
from `qingshan.standards.aqi`; water classes use the palette of `WATER_COLOURS` (see there).

The modules, from the shared pieces to the pages:
  colours, labels, periods, limits (read from the standards), plan (targets and districts),
  links, charts (shared ECharts pieces), daily_aqi, air_statistics, station_series;
  air_city (the city page), stations (the list and one station), water (the sections' page),
  section_items and sections (one section's page).
Every public name is re-exported here: `views` and `exports` import from `pages`.
"""

from qingshan.opendata import SIMULATED_LABEL

from .air_city import (
    DistrictRow,
    YearRow,
    city_context,
    district_chart,
    district_rows,
    year_chart,
)
from .air_statistics import (
    MonthRow,
    StatRow,
    all_attain,
    annual_value,
    month_chart,
    month_rows,
    stat_rows,
)
from .charts import TIME_LABELS, calendar_chart, watermark
from .colours import (
    GRADE_LABELS,
    GRADES,
    GREEN,
    WATER_COLOURS,
    WATER_TEXT,
    AqiLevel,
    aqi_level,
    aqi_levels,
    grade_label,
)
from .daily_aqi import DayChip, day_chip, latest_days
from .labels import (
    LABELS,
    NAMES,
    POLLUTANTS,
    STAT_ORDER,
    STATISTICS,
    WINDOWS,
    unit_of,
)
from .limits import air_limits, water_items, water_limits
from .links import import_url
from .periods import SHANGHAI, local_text, pick_year
from .plan import PLAN_TARGETS_AIR, PLAN_TARGETS_WATER, district_orgs, meets, plan_targets
from .section_items import ItemRow, item_rows, significant, target_limit
from .sections import MAIN_ITEMS, item_chart, section_context, timeline_chart
from .station_series import SeriesInfo, hourly_series
from .stations import LEVEL_ORDER, DistrictGroup, StationRow, station_context, station_groups
from .water import (
    Exceedance,
    SectionRow,
    WaterFigure,
    grade_counts,
    section_rows,
    water_context,
    water_figures,
    water_map,
)

__all__ = [
    "GRADES",
    "GRADE_LABELS",
    "GREEN",
    "LABELS",
    "LEVEL_ORDER",
    "MAIN_ITEMS",
    "NAMES",
    "PLAN_TARGETS_AIR",
    "PLAN_TARGETS_WATER",
    "POLLUTANTS",
    "SHANGHAI",
    "SIMULATED_LABEL",
    "STATISTICS",
    "STAT_ORDER",
    "TIME_LABELS",
    "WATER_COLOURS",
    "WATER_TEXT",
    "WINDOWS",
    "AqiLevel",
    "DayChip",
    "DistrictGroup",
    "DistrictRow",
    "Exceedance",
    "ItemRow",
    "MonthRow",
    "SectionRow",
    "SeriesInfo",
    "StatRow",
    "StationRow",
    "WaterFigure",
    "YearRow",
    "air_limits",
    "all_attain",
    "annual_value",
    "aqi_level",
    "aqi_levels",
    "calendar_chart",
    "city_context",
    "day_chip",
    "district_chart",
    "district_orgs",
    "district_rows",
    "grade_counts",
    "grade_label",
    "hourly_series",
    "import_url",
    "item_chart",
    "item_rows",
    "latest_days",
    "local_text",
    "meets",
    "month_chart",
    "month_rows",
    "pick_year",
    "plan_targets",
    "section_context",
    "section_rows",
    "significant",
    "stat_rows",
    "station_context",
    "station_groups",
    "target_limit",
    "timeline_chart",
    "unit_of",
    "water_context",
    "water_figures",
    "water_items",
    "water_limits",
    "water_map",
    "watermark",
    "year_chart",
]
