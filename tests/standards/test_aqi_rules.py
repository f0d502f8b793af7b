"""HJ 633-2012 rules around the IAQI: Table 1 notes, the top of the scale, AQI, primary and
exceeding pollutants, levels, categories and colours (Table 2, Appendix A)."""

from __future__ import annotations

import pytest

from qingshan.standards import aqi
from qingshan.standards.errors import NotIndexedError


class TestSo2OneHourAbove800:
    def test_so2_1h_at_800_is_still_indexed_on_the_1h_scale(self):
        assert aqi.iaqi("SO2", 800, averaging="1h") == 200

    def test_so2_1h_above_800_without_the_24h_value_raises_not_indexed(self):
        with pytest.raises(NotIndexedError, match=r"SO2.*801.*800"):
            aqi.iaqi("SO2", 801, averaging="1h")

    def test_so2_1h_above_800_reports_the_iaqi_of_the_24h_mean(self):
        # 24 h mean 120: 50/100*70 + 50 = 85
        assert aqi.iaqi("SO2", 900, averaging="1h", fallback=120) == 85

    def test_aqi_with_so2_1h_above_800_uses_so2_24h_and_says_so(self):
        result = aqi.aqi({"SO2": 900, "NO2": 50}, averaging="1h", so2_24h=120)
        assert result.iaqi["SO2"] == 85
        assert any("not indexed" in note for note in result.notes)

    def test_so2_24h_above_800_is_ordinary(self):
        # 24 h scale: 800 -> 200, 1600 -> 300; 1200 -> 250
        assert aqi.iaqi("SO2", 1200, averaging="24h") == 250


class TestO3EightHourAbove800:
    def test_o3_8h_at_800_is_300(self):
        assert aqi.iaqi("O3_8h", 800) == 300

    def test_o3_8h_above_800_without_the_1h_value_raises_not_indexed(self):
        with pytest.raises(NotIndexedError, match=r"O3_8h.*850"):
            aqi.iaqi("O3_8h", 850)

    def test_o3_8h_above_800_takes_the_iaqi_of_the_1h_value(self):
        # O3 1 h 900: (400 - 300) / (1000 - 800) * 100 + 300 = 350
        assert aqi.iaqi("O3_8h", 850, fallback=900) == 350
        result = aqi.aqi({"O3_8h": 850, "O3": 900, "PM2.5": 40})
        assert result.iaqi["O3_8h"] == 350
        assert result.aqi == 350
        assert result.primary_pollutants == ("O3_8h", "O3")


class TestBeyondTheTopBreakpoint:
    @pytest.mark.parametrize(
        ("pollutant", "averaging", "value"),
        [
            ("PM2.5", "24h", 501),
            ("PM2.5", "24h", 5000),
            ("PM10", "24h", 900),
            ("SO2", "24h", 3000),
            ("NO2", "1h", 4000),
            ("CO", "24h", 61),
            ("O3", "1h", 1500),
        ],
    )
    def test_cap_reports_500_and_never_raises(self, pollutant, averaging, value):
        assert aqi.iaqi(pollutant, value, averaging=averaging) == 500

    def test_extend_extrapolates_the_last_segment(self):
        # (500 - 400) / (500 - 350) * (600 - 350) + 400 = 566.67 -> 567
        assert aqi.iaqi("PM2.5", 600, beyond_top="extend") == 567
        assert aqi.iaqi("PM2.5", 600, beyond_top="extend", rounding="none") == pytest.approx(
            400 + 100 / 150 * 250
        )

    def test_capped_result_is_noted_and_severe(self):
        result = aqi.aqi({"PM2.5": 700})
        assert result.aqi == 500
        assert result.level == "六级"
        assert result.category == "严重污染"
        assert any("top breakpoint" in note for note in result.notes)


class TestAqi:
    def test_spec_example(self):
        # PM2.5 80: 50/40*5 + 100 = 106.25 -> 107; PM10 120: 85; O3_8h 150: 91.67 -> 92
        r = aqi.aqi({"PM2.5": 80, "PM10": 120, "O3_8h": 150}, averaging="24h")
        assert r.iaqi == {"PM2.5": 107, "PM10": 85, "O3_8h": 92}
        assert r.aqi == 107
        assert r.primary_pollutants == ("PM2.5",)
        assert r.exceeding_pollutants == ("PM2.5",)
        assert (r.level, r.category, r.colour) == ("三级", "轻度污染", (255, 126, 0))

    def test_tied_maximum_makes_every_tied_pollutant_primary(self):
        # PM10 150 -> 100 and PM2.5 75 -> 100
        r = aqi.aqi({"PM10": 150, "PM2.5": 75, "NO2": 40})
        assert r.aqi == 100
        assert r.primary_pollutants == ("PM10", "PM2.5")
        assert r.exceeding_pollutants == ()

    def test_aqi_of_50_has_no_primary_pollutant(self):
        r = aqi.aqi({"PM2.5": 35, "PM10": 50})
        assert r.aqi == 50
        assert r.primary_pollutants == ()
        assert r.category == "优"

    def test_aqi_of_51_has_a_primary_pollutant(self):
        # PM2.5 35.8: 50 + 1.25 * 0.8 = 51
        r = aqi.aqi({"PM2.5": 35.8, "PM10": 20})
        assert r.aqi == 51
        assert r.primary_pollutants == ("PM2.5",)

    def test_exceeding_pollutants_are_those_above_100(self):
        # PM10 152: 101; NO2 80: 100 (not exceeding)
        r = aqi.aqi({"PM10": 152, "NO2": 80})
        assert r.exceeding_pollutants == ("PM10",)


@pytest.mark.parametrize(
    ("value", "level", "category", "rgb"),
    [
        (0, "一级", "优", (0, 228, 0)),
        (50, "一级", "优", (0, 228, 0)),
        (51, "二级", "良", (255, 255, 0)),
        (100, "二级", "良", (255, 255, 0)),
        (101, "三级", "轻度污染", (255, 126, 0)),
        (150, "三级", "轻度污染", (255, 126, 0)),
        (151, "四级", "中度污染", (255, 0, 0)),
        (200, "四级", "中度污染", (255, 0, 0)),
        (201, "五级", "重度污染", (153, 0, 76)),
        (300, "五级", "重度污染", (153, 0, 76)),
        (301, "六级", "严重污染", (126, 0, 35)),
        (500, "六级", "严重污染", (126, 0, 35)),
    ],
)
def test_levels_categories_and_colours_of_table_2(value, level, category, rgb):
    info = aqi.level_info(value)
    assert (info.level, info.category, info.colour) == (level, category, rgb)
    assert info.colour_hex == "#{:02X}{:02X}{:02X}".format(*rgb)
