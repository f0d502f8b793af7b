"""A sample of the plan's commitments, typed from the official text, must be in the plan file.

Each row: a phrase of the plan, then what it commits to — value, comparator, unit, deadline,
scope and where it belongs (主要目标 group or task number).  Values come from reading the text,
not from the file under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

CITY = "city"

# (phrase in source_text, value, comparator, unit, deadline, scope, goal, task)
SAMPLE = [
    # 二、主要目标（一）大气
    ("平均浓度达到38微克/立方米", 38, "<=", "微克/立方米", "2020-12-31", CITY, "2.1", None),
    ("平均浓度达到35微克/立方米", 35, "<=", "微克/立方米", "2022-12-31", CITY, "2.1", None),
    ("2个县（市）建成清新空气示范区", 2, ">=", "个", "2020-12-31", "counties", "2.1", None),
    # （二）水
    ("市控以上断面水质达标率在90.3%以上", 90.3, "at_least", "%", "2020-12-31", CITY, "2.2", None),
    ("县级以上饮用水水源地水质达标率实现100%", 100, "=", "%", "2022-12-31", CITY, "2.2", None),
    # （三）土壤和固废
    ("污染耕地安全利用率达到92%左右", 92, "about", "%", "2020-12-31", CITY, "2.3", None),
    ("污染地块安全利用率达到93%以上", 93, "at_least", "%", "2020-12-31", CITY, "2.3", None),
    ("危险废物规范化管理达标率达到90%", 90, ">=", "%", "2020-12-31", CITY, "2.3", None),
    ("城乡生活垃圾无害化处理率达到100%", 100, ">=", "%", "2020-12-31", CITY, "2.3", None),
    # （四）生态文明建设
    (
        "80%以上的区、县（市）建成省级以上生态文明示范区",
        80,
        "at_least",
        "%",
        "2020-12-31",
        "all-districts",
        "2.4",
        55,
    ),
    # 任务分解表
    ("全市煤炭消费总量比2015年下降5%以上", 5, "reduce_by", "%", "2020-12-31", CITY, None, 1),
    ("全市天然气供应能力达到40亿立方米", 40, ">=", "亿立方米", "2020-12-31", CITY, None, 4),
    ("占比提高至11%以上", 11, "at_least", "%", "2020-12-31", CITY, None, 4),
    ("每年淘汰落后产能企业100家以上", 100, "at_least", "家", "2020-12-31", CITY, None, 5),
    ("（作坊）1000家以上", 1000, "at_least", "家", "2020-12-31", CITY, None, 5),
    ("VOCs排放量比2015年下降30%以上", 30, "reduce_by", "%", "2020-12-31", CITY, None, 6),
    ("新建集中充换电站不少于160座", 160, ">=", "座", "2020-12-31", CITY, None, 11),
    ("公用充电桩不少于3000个", 3000, ">=", "个", "2020-12-31", CITY, None, 11),
    (
        "主城区道路机械化清扫率达到75%以上",
        75,
        "at_least",
        "%",
        "2020-12-31",
        "main-urban",
        None,
        13,
    ),
    ("桐庐县、淳安县、建德市达到65%以上", 65, "at_least", "%", "2020-12-31", "counties", None, 13),
    ("全市秸秆综合利用率稳定在95%以上", 95, "at_least", "%", "2020-12-31", CITY, None, 15),
    ("实现8家化工企业关停或退出", 8, ">=", "家", "2019-12-31", "djd", None, 19),
    ("完成14家化工", 14, ">=", "家", "2020-12-31", "xiaoshan", None, 19),
    ("全区印染企业数量控制在19家以内", 19, "<=", "家", "2022-06-30", "xiaoshan", None, 19),
    ("分期分批完成94家造纸和化工等行业企业关停", 94, ">=", "家", "2020-02-29", "fuyang", None, 19),
    ("完成18家化工助剂企业关停", 18, ">=", "家", "2021-12-31", "linan", None, 19),
    ("全市化肥使用量比2017年下降2%", 2, "reduce_by", "%", "2022-12-31", CITY, None, 27),
    ("完成江河干堤加固55公里", 55, ">=", "公里", "2022-12-31", CITY, None, 32),
    ("较2013年下降10%以上", 10, "reduce_by", "%", "2020-12-31", CITY, None, 37),
    ("西湖区完成东陈河", 14, ">=", "条", "2020-12-31", "xihu", None, 48),
    ("滨江区完成西兴后河", 10, ">=", "条", "2020-12-31", "binjiang", None, 48),
    ("2019年实施河湖库塘清淤300万立方米", 300, ">=", "万立方米", "2019-12-31", CITY, None, 49),
    ("森林覆盖率在66.8%的基础上实现新突破", 66.8, ">", "%", "2020-12-31", CITY, None, 52),
    ("森林保有量达到1650万亩", 1650, ">=", "万亩", "2020-12-31", CITY, None, 52),
    ("新增城市绿地1750万平方米", 1750, ">=", "万平方米", "2022-12-31", CITY, None, 54),
    ("建成400平方米以上公园绿地150处", 150, ">=", "处", "2022-12-31", CITY, None, 54),
]

BASELINE_YEARS = {
    "全市煤炭消费总量比2015年下降5%以上": 2015,
    "VOCs排放量比2015年下降30%以上": 2015,
    "全市化肥使用量比2017年下降2%": 2017,
    "较2013年下降10%以上": 2013,
}


@pytest.fixture(scope="module")
def targets(plan_document):
    indicators = {i["code"]: i for i in plan_document.data["indicators"]}
    result = []
    for t in plan_document.data["targets"]:
        result.append({**t, "unit": t.get("unit") or indicators[t["indicator"]].get("unit", "")})
    return result


def stating(targets, phrase, value):
    found = [
        t
        for t in targets
        if any(phrase in text for text in [t["source_text"], *t.get("also_in", [])])
        and Decimal(str(t["value"])) == Decimal(str(value))
    ]
    assert len(found) == 1, f"{len(found)} targets state {phrase!r} = {value}"
    return found[0]


def test_sample_covers_all_goal_groups_and_the_table():
    assert len(SAMPLE) >= 25
    assert {row[6] for row in SAMPLE} >= {"2.1", "2.2", "2.3", "2.4"}
    assert len({row[7] for row in SAMPLE if row[7]}) >= 15


@pytest.mark.parametrize(
    ("phrase", "value", "comparator", "unit", "deadline", "scope", "goal", "task"), SAMPLE
)
def test_commitment_is_a_target(
    targets, phrase, value, comparator, unit, deadline, scope, goal, task
):
    t = stating(targets, phrase, value)
    assert t["comparator"] == comparator
    assert t["unit"] == unit
    assert t["deadline"] == deadline
    assert t["scope"] == scope
    assert t.get("goal") == goal
    assert t.get("task") == task
    if phrase in BASELINE_YEARS:
        assert t["baseline"]["year"] == BASELINE_YEARS[phrase]


def test_yearly_commitments_are_marked_yearly(targets):
    assert stating(targets, "每年淘汰落后产能企业100家以上", 100)["frequency"] == "yearly"
    assert stating(targets, "每年新增改造污水管网100公里以上", 100)["frequency"] == "yearly"


def test_every_target_and_indicator_is_complete(plan_document):
    indicators = {i["code"] for i in plan_document.data["indicators"]}
    for t in plan_document.data["targets"]:
        assert t["indicator"] in indicators
        assert t["source_text"] and t["deadline"] and t["scope"]
        assert "goal" in t or "task" in t
