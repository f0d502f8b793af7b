"""Districts from points on the vendored map, distances by haversine."""

from __future__ import annotations

import pytest

from qingshan.tipoffs.geo import district_at, district_name_at, haversine_m


def test_haversine_of_known_distances():
    # One minute of latitude is one nautical mile, 1852 m (to within the Earth's flattening).
    assert haversine_m(120.0, 30.0, 120.0, 30.0 + 1 / 60) == pytest.approx(1853, abs=3)
    assert haversine_m(120.1, 30.2, 120.1, 30.2) == 0
    # 0.001° of longitude at 30°N: 111.2 km × cos 30° / 1000 = 96.3 m.
    assert haversine_m(120.0, 30.0, 120.001, 30.0) == pytest.approx(96.3, abs=0.2)


@pytest.mark.parametrize(
    ("lon", "lat", "name"),
    [
        (120.13, 30.25, "西湖区"),  # by the West Lake
        (120.21, 30.21, "滨江区"),
        (119.72, 30.23, "临安区"),  # the file still says 临安市
        (119.04, 29.61, "淳安县"),
    ],
)
def test_points_fall_in_their_district(lon, lat, name):
    assert district_name_at(lon, lat) == name


def test_a_point_outside_hangzhou_has_no_district():
    assert district_name_at(121.47, 31.23) is None  # Shanghai


def test_a_point_in_a_former_district_goes_to_its_successor(hz):
    # 江干区 was merged into 上城区 in 2021; the map's 江干 shape answers as 上城区 today.
    assert district_name_at(120.205, 30.257) == "江干区"
    assert district_at(120.205, 30.257, hz.region).code == "shangcheng"
    assert district_at(120.13, 30.25, hz.region).code == "xihu"
