"""Django-free implementations of the Chinese environmental standards the platform reports on.

* :mod:`~qingshan.standards.aqi` — HJ 633-2012 Air Quality Index.
* :mod:`~qingshan.standards.air_quality` — GB 3095-2012 / HJ 663-2013 evaluation.
* :mod:`~qingshan.standards.water_quality` — GB 3838-2002 surface-water classification.
* :mod:`~qingshan.standards.editions` — which edition applies when, and the tables behind it.

Every table is cited (standard, table, edition) in :mod:`qingshan.standards._tables`; the
choices made where a text leaves room are listed in docs/standards.md.
"""

from qingshan.standards import air_quality, aqi, editions, errors, water_quality

__all__ = ["aqi", "air_quality", "water_quality", "editions", "errors"]
