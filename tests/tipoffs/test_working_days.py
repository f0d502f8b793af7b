"""Working days under the published holiday arrangements, worked out by hand from the notices
of 国务院办公厅 (the calendar a case's deadline is counted in)."""

from __future__ import annotations

import datetime as dt

import pytest

from qingshan.tipoffs.holidays_cn import published_days
from qingshan.tipoffs.services.calendar import load_published_holidays
from qingshan.tipoffs.services.triage import deadline_for
from qingshan.tipoffs.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    years_without_calendar,
)

D = dt.date
CALENDAR = {d.date: d.kind for d in published_days()}


def test_2020_national_day_and_mid_autumn_are_eight_days_off_with_two_weekend_workdays():
    # 国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。
    for day in range(1, 9):
        assert not is_working_day(D(2020, 10, day), CALENDAR)
    assert is_working_day(D(2020, 9, 27), CALENDAR)  # a Sunday
    assert is_working_day(D(2020, 10, 10), CALENDAR)  # a Saturday
    assert not is_working_day(D(2020, 10, 11), CALENDAR)  # an ordinary Sunday


def test_five_working_days_from_30_september_2020_end_on_14_october():
    # 10-9 (Fri) 1, 10-10 (Sat, worked) 2, 10-11 Sun off, 10-12 3, 10-13 4, 10-14 5.
    assert add_working_days(D(2020, 9, 30), 5, CALENDAR) == D(2020, 10, 14)


def test_one_working_day_after_friday_25_september_2020_is_the_sunday_worked():
    assert add_working_days(D(2020, 9, 25), 1, CALENDAR) == D(2020, 9, 27)
    assert add_working_days(D(2020, 9, 27), 1, CALENDAR) == D(2020, 9, 28)


def test_spring_festival_2020_as_extended_to_2_february():
    # 1月24日至30日放假, 1月19日（星期日）上班; extended to 2 February (国办发明电〔2020〕1号),
    # so Saturday 1 February, first announced as a working day, was not worked.
    assert is_working_day(D(2020, 1, 19), CALENDAR)
    assert not is_working_day(D(2020, 1, 31), CALENDAR)
    assert not is_working_day(D(2020, 2, 1), CALENDAR)
    assert add_working_days(D(2020, 1, 23), 1, CALENDAR) == D(2020, 2, 3)


def test_may_day_2019_as_extended_to_four_days():
    # 5月1日至4日放假调休；4月28日（星期日）、5月5日（星期日）上班。
    assert add_working_days(D(2019, 4, 30), 1, CALENDAR) == D(2019, 5, 5)
    assert is_working_day(D(2019, 4, 28), CALENDAR)


def test_spring_festival_2025_starts_on_new_years_eve():
    # 1月28日（除夕）至2月4日放假调休；1月26日（周日）、2月8日（周六）上班。
    assert add_working_days(D(2025, 1, 27), 1, CALENDAR) == D(2025, 2, 5)
    assert add_working_days(D(2025, 2, 7), 1, CALENDAR) == D(2025, 2, 8)


def test_spring_festival_2026_nine_days():
    # 2月15日至23日放假调休；2月14日（周六）、2月28日（周六）上班。
    assert add_working_days(D(2026, 2, 13), 1, CALENDAR) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 14), 1, CALENDAR) == D(2026, 2, 24)


def test_national_day_2026_counts_ten_working_days_from_29_september():
    # 9-30 1; 10-1..7 off; 10-8 2, 10-9 3, 10-10 (Sat, worked) 4, 10-12..16 5-9, 10-19 10.
    assert add_working_days(D(2026, 9, 29), 10, CALENDAR) == D(2026, 10, 19)
    assert working_days_between(D(2026, 9, 29), D(2026, 10, 19), CALENDAR) == 10
    assert working_days_between(D(2026, 10, 19), D(2026, 9, 29), CALENDAR) == -10


def test_without_declared_days_only_weekends_are_off():
    assert add_working_days(D(2027, 1, 8), 1, {}) == D(2027, 1, 11)  # Friday → Monday
    assert add_working_days(D(2027, 1, 8), 0, {}) == D(2027, 1, 8)
    with pytest.raises(ValueError):
        add_working_days(D(2027, 1, 8), -1, {})


def test_every_published_workday_is_a_weekend_day_and_no_date_is_listed_twice():
    days = list(published_days())
    assert len({d.date for d in days}) == len(days)
    assert all(d.date.weekday() >= 5 for d in days if d.kind == "workday")
    years = {d.date.year for d in days}
    assert set(range(2019, 2027)) <= years


def test_loading_the_published_calendar_is_idempotent_and_drives_deadlines(hz):
    added, changed = load_published_holidays()
    assert added == len(list(published_days())) and changed == 0
    assert load_published_holidays() == (0, 0)
    assert deadline_for(D(2020, 9, 30), 5) == D(2020, 10, 14)
    assert years_without_calendar(D(2026, 5, 1), D(2027, 3, 1)) == [2027]
