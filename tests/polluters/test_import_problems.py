"""A list with any problem stores nothing; every problem says file, row, column, value, rule."""

from __future__ import annotations

import pytest

from qingshan.audit.models import AuditEvent
from qingshan.polluters.importing import ImportRefused, import_list
from qingshan.polluters.models import Enterprise, Listing


def refused(name: str, data: bytes, year: int = 2022) -> ImportRefused:
    before = (Enterprise.objects.count(), Listing.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ImportRefused) as caught:
        import_list(name, data, year=year)
    after = (Enterprise.objects.count(), Listing.objects.count(), AuditEvent.objects.count())
    assert after == before, "a refused file must store nothing"
    return caught.value


def only(exc: ImportRefused, rule: str):
    found = [p for p in exc.problems if p.rule == rule]
    assert found, f"no {rule} problem in {[p.rule for p in exc.problems]}"
    return found[0]


def test_a_wrong_check_character_is_refused_with_the_expected_one(hz, files):
    bad = files.code(2)[:17] + ("0" if files.code(2)[17] != "0" else "1")
    exc = refused("名录.csv", files.csv([files.row(1), files.row(2, 统一社会信用代码=bad)]))
    p = only(exc, "信用代码")
    assert (p.file, p.row, p.column, p.header, p.value) == (
        "名录.csv", 3, "D", "统一社会信用代码", bad,
    )  # fmt: skip
    assert f"应为“{files.code(2)[17]}”" in p.message


def test_one_bad_row_among_good_ones_commits_nothing(hz, files):
    rows = [files.row(n) for n in range(1, 30)] + [files.row(30, "上海市浦东新区")]
    exc = refused("名录.csv", files.csv(rows))
    assert exc.total == 1 and exc.problems[0].row == 31


def test_an_unknown_district_lists_the_districts_of_the_year(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, "浦东新区")]))
    p = only(exc, "区县")
    assert (p.row, p.column, p.value) == (2, "B", "浦东新区")
    assert "临平区" in p.message and "下城区" not in p.message


def test_a_district_abolished_in_2021_is_refused_on_a_2022_list_naming_its_successor(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, "下城区")]))
    assert "2022年的名录应填写拱墅区" in only(exc, "区县").message


def test_a_district_formed_in_2021_is_refused_on_a_2019_list(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, "临平区")]), year=2019)
    assert "2021年4月9日 设立" in only(exc, "区县").message


def test_swapped_longitude_and_latitude_are_named_as_such(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, 经度="30.18", 纬度="120.26")]))
    p = only(exc, "经纬度颠倒")
    assert p.row == 2 and p.column == "F" and "填反" in p.message


def test_coordinates_outside_hangzhou_are_refused(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, 经度="121.47", 纬度="31.23")]))  # 上海
    assert "不在杭州市范围内" in only(exc, "坐标范围").message


def test_a_longitude_without_latitude_and_text_in_a_number_are_refused(hz, files):
    exc = refused(
        "名录.csv", files.csv([files.row(1, 纬度=""), files.row(2, 经度="东经120度左右")])
    )
    assert only(exc, "必填").row == 2
    assert only(exc, "数字格式").row == 3


def test_a_duplicate_credit_code_names_the_first_row(hz, files):
    rows = [files.row(1), files.row(2), files.row(3, 统一社会信用代码=files.code(1))]
    exc = refused("名录.csv", files.csv(rows))
    p = only(exc, "重复代码")
    assert p.row == 4 and "第2行" in p.message and "测试单位1有限公司" in p.message


def test_empty_required_cells_are_each_reported(hz, files):
    exc = refused(
        "名录.csv", files.csv([files.row(1, 单位名称=""), files.row(2, 区县="", 类别="")])
    )
    empty = {(p.row, p.header) for p in exc.problems if p.rule == "必填"}
    assert empty == {(2, "单位名称"), (3, "区县"), (3, "类别")}
    assert any("合并单元格" in p.message for p in exc.problems if p.header == "区县")


def test_an_unknown_category_word_and_a_bad_tick_are_refused(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1, 类别="水环境、光污染")]))
    assert "光污染" in only(exc, "类别").message
    header = ["区县", "单位名称", "统一社会信用代码", "水环境", "大气环境"]
    exc = refused("名录.csv", files.csv([["萧山区", "甲", files.code(1), "✓", "maybe"]], header))
    assert only(exc, "类别").column == "E"


def test_a_merged_credit_code_cell_is_refused(hz, files):
    rows = [
        ["区县", "单位名称", "统一社会信用代码", "类别"],
        ["萧山区", "甲公司", files.code(1), "水"],
        ["萧山区", "乙公司", None, "水"],
    ]
    exc = refused("名录.xlsx", files.xlsx({"名录": rows}, {"名录": ["C2:C3"]}))
    p = only(exc, "合并单元格")
    assert (p.row, p.column) == (2, "C") and "第2–3行" in p.message


def test_a_credit_code_excel_turned_into_a_number_is_refused(hz, files):
    rows = [["区县", "单位名称", "统一社会信用代码", "类别"], ["萧山区", "甲", 9.13301e17, "水"]]
    exc = refused("名录.xlsx", files.xlsx({"名录": rows}))
    assert "存成了数字" in only(exc, "数字格式").message


def test_missing_columns_are_refused_for_the_whole_file(hz, files):
    exc = refused("名录.csv", files.csv([["甲", "萧山区", "某路"]], ["单位名称", "区县", "地址"]))
    messages = [p.message for p in exc.problems if p.rule == "缺少列" and p.row is None]
    assert any("统一社会信用代码" in m for m in messages)
    exc = refused(
        "名录.csv",
        files.csv([["甲", "萧山区", files.code(1)]], ["单位名称", "区县", "统一社会信用代码"]),
    )
    assert "缺少类别" in only(exc, "缺少列").message


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("名录.csv", b"", "文件为空"),
        ("名录.pdf", b"%PDF-1.4 not a list", "文件类型"),
        ("名录.xlsx", "区县,单位名称\n".encode(), "文件类型"),
        ("名录.csv", "标题\n只有一行\n".encode(), "表头"),
    ],
)
def test_files_that_are_not_lists_are_refused_whole(hz, name, data, rule):
    exc = refused(name, data)
    assert exc.problems[0].rule == rule and exc.problems[0].row is None


def test_a_year_out_of_range_is_refused(hz, files):
    exc = refused("名录.csv", files.csv([files.row(1)]), year=1999)
    assert exc.problems[0].rule == "名录年份"
