"""A year's list as the bureaus publish it: CSV in UTF-8 or GBK, xlsx with a title row, merged
district cells, two-row headers, ✓ columns, one sheet per category, full-width digits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qingshan.polluters.importing import import_list
from qingshan.polluters.models import Enterprise, Listing


def test_a_good_utf8_csv_creates_enterprises_with_their_listing(hz, files):
    data = files.csv([files.row(1), files.row(2, "西湖区", 类别="大气环境、环境风险")])
    result = import_list("2022名录.csv", data, year=2022)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    first = Enterprise.objects.get(credit_code=files.code(1))
    assert first.district.code == "xiaoshan"
    assert first.longitude == Decimal("120.26") and first.latitude == Decimal("30.18")
    assert first.permit_number == files.code(1) + "001P"
    assert first.is_published and not first.is_simulated
    second = Listing.objects.get(enterprise__credit_code=files.code(2), year=2022)
    assert second.categories == ["air", "risk"]


def test_a_gbk_csv_as_excel_in_china_saves_it_is_read(hz, files):
    data = files.csv([files.row(1, 单位名称="杭州萧山印染有限公司")], encoding="gbk")
    import_list("名录.csv", data, year=2022)
    assert Enterprise.objects.get(credit_code=files.code(1)).name == "杭州萧山印染有限公司"


def test_xlsx_with_a_title_row_two_row_header_and_merged_district_cells(hz, files):
    rows = [
        ["杭州市2022年重点排污单位名录"],
        ["序号", "区县", "单位名称", "统一社会信用代码", "经度", "纬度", "类别", None, None],
        [None, None, None, None, None, None, "水环境", "大气环境", "土壤污染"],
        [1, "萧山区", "甲公司", files.code(1), 120.26, 30.18, "✓", "√", None],
        [2, None, "乙公司", files.code(2), 120.27, 30.19, "是", None, None],
        [3, None, "丙公司", files.code(3), 120.28, 30.20, None, None, "✓"],
        [4, "西湖区", "丁公司", files.code(4), 120.10, 30.25, "✓", None, None],
    ]
    merges = ["A1:I1", "G2:I2", *(f"{c}2:{c}3" for c in "ABCDEF"), "B4:B6"]
    result = import_list("名录.xlsx", files.xlsx({"名录": rows}, {"名录": merges}), year=2022)
    assert result.created == 4
    districts = dict(Enterprise.objects.values_list("name", "district__code"))
    assert districts == {"甲公司": "xiaoshan", "乙公司": "xiaoshan", "丙公司": "xiaoshan",
                         "丁公司": "xihu"}  # fmt: skip
    cats = {x.enterprise.name: x.categories for x in Listing.objects.select_related("enterprise")}
    assert cats["甲公司"] == ["water", "air"] and cats["丙公司"] == ["soil"]


def test_one_sheet_per_category_merges_an_enterprise_on_two_sheets(hz, files):
    header = ["序号", "区县", "单位名称", "统一社会信用代码"]
    book = files.xlsx(
        {
            "水环境重点排污单位": [header, [1, "萧山区", "甲公司", files.code(1)]],
            "大气环境重点排污单位": [
                header,
                [1, "萧山区", "甲公司", files.code(1)],
                [2, "临平区", "乙公司", files.code(2)],
            ],
            "说明": [["本名录依据……"]],
        }
    )
    result = import_list("名录.xlsx", book, year=2022)
    assert result.created == 2
    listing = Listing.objects.get(enterprise__credit_code=files.code(1))
    assert listing.categories == ["water", "air"]
    assert Listing.objects.get(enterprise__credit_code=files.code(2)).categories == ["air"]


def test_full_width_digits_and_degrees_minutes_seconds_are_read(hz, files):
    data = files.csv(
        [
            files.row(1, 经度="１２０．２６", 纬度="３０．１８"),
            files.row(2, 经度="120°15′36″", 纬度="30°10′48″"),
        ]
    )
    import_list("名录.csv", data, year=2022)
    one = Enterprise.objects.get(credit_code=files.code(1))
    two = Enterprise.objects.get(credit_code=files.code(2))
    assert (one.longitude, one.latitude) == (Decimal("120.26"), Decimal("30.18"))
    assert (two.longitude, two.latitude) == (Decimal("120.26"), Decimal("30.18"))


def test_headers_the_bureaus_use_and_columns_that_are_not_ours(hz, files):
    header = ["No.", "所属区县", "企业名称", "社会信用代码", "单位地址", "经度（°）", "纬度（°）",
              "所属行业", "重点排污单位类别", "排污许可证号", "备注"]  # fmt: skip
    data = files.csv(
        [
            [
                1,
                "萧山区",
                "甲公司",
                files.code(1),
                "某路1号",
                "120.2",
                "30.2",
                "纺织业",
                "水",
                "",
                "新增",
            ]
        ],  # fmt: skip
        header=header,
    )
    result = import_list("名录.csv", data, year=2022)
    assert result.created == 1 and result.ignored == ["备注"]
    e = Enterprise.objects.get()
    assert (e.name, e.address, e.industry) == ("甲公司", "某路1号", "纺织业")


def test_a_2022_list_names_the_districts_formed_in_2021(hz, files):
    data = files.csv([files.row(1, "临平区"), files.row(2, "钱塘区"), files.row(3, "拱墅区")])
    import_list("名录.csv", data, year=2022)
    assert sorted(Enterprise.objects.values_list("district__code", flat=True)) == [
        "gongshu",
        "linping",
        "qiantang",
    ]


@pytest.mark.parametrize(("text", "org"), [("杭州市萧山区", "xiaoshan"), ("萧山", "xiaoshan"),
                                           ("临安市", "linan"), ("江干区", "jianggan")])  # fmt: skip
def test_a_2019_list_may_use_the_full_short_and_former_names(hz, files, text, org):
    import_list("名录.csv", files.csv([files.row(1, text)]), year=2019)
    assert Enterprise.objects.get().district.code == org
