"""The shipped plan file holds the plan's task table exactly as the official text writes it."""

from __future__ import annotations

import re

import pytest


def seed_task_table(seed_text: str) -> dict[int, dict[str, str]]:
    """Parse the 任务分解表 of the official text: 序号, 项目名称, 建设内容和规模, 责任单位."""
    table = seed_text[seed_text.index("\t序号") :]
    rows = re.split(r"\n\n\t(?=\d+\n)", table)[1:]
    tasks = {}
    for row in rows:
        number, rest = row.lstrip("\t").split("\n", 1)
        cells = rest.split("\n\t")
        tasks[int(number)] = {
            "name": cells[0].strip("\t"),
            "content": "\n".join(c.strip("\t") for c in cells[1:-1]).strip(),
            "responsible": cells[-1].strip(),
        }
    return tasks


def test_seed_table_has_62_tasks(seed_text):
    assert sorted(seed_task_table(seed_text)) == list(range(1, 63))


def test_plan_file_has_every_task_with_name_content_and_units_as_written(seed_text, plan_document):
    seed = seed_task_table(seed_text)
    tasks = {t["number"]: t for t in plan_document.data["tasks"]}
    assert sorted(tasks) == list(range(1, 63))
    for number, expected in seed.items():
        task = tasks[number]
        assert task["name"] == expected["name"], number
        assert task["responsible"] == expected["responsible"], number
        assert task["content"].split() == expected["content"].split(), number


def test_plan_metadata_matches_the_document(plan_document):
    meta = plan_document.data["plan"]
    assert meta["title"] == "杭州市加快生态文明示范创建深化“美丽杭州”建设行动方案"
    assert meta["document_number"] == "杭政函〔2019〕18号"
    assert meta["issuer"] == "杭州市人民政府"
    assert meta["issued_on"] == "2019-02-01"
    assert meta["effective_on"] == "2019-03-04"
    assert meta["horizon_year"] == 2022
    lead = next(u for u in plan_document.data["units"] if u["code"] == meta["lead_unit"])
    assert lead["name"] == "市生态环境局"


def test_structure_has_the_four_parts_goal_groups_battles_and_items(plan_document):
    sections = {s["code"]: s for s in plan_document.data["sections"]}
    assert [sections[c]["title"] for c in ("1", "2", "3", "4")] == [
        "指导思想",
        "主要目标",
        "行动任务",
        "保障措施",
    ]
    assert [sections[f"2.{i}"]["title"] for i in range(1, 5)] == [
        "大气环境质量",
        "水环境质量",
        "土壤环境质量（含固废）",
        "生态文明建设",
    ]
    assert [sections[f"3.{i}"]["title"] for i in range(1, 5)] == [
        "打赢蓝天保卫战",
        "打赢碧水保卫战",
        "打赢净土清废保卫战",
        "打好生态屏障保卫战",
    ]
    # Items per battle as numbered in the plan: 5, 5, 5, 6; and five safeguards.
    for battle, count in {"3.1": 5, "3.2": 5, "3.3": 5, "3.4": 6}.items():
        items = [c for c in sections if c.startswith(battle + ".")]
        assert len(items) == count, battle
    assert len([c for c in sections if re.fullmatch(r"4\.\d+", c)]) == 5
    assert sections["3.4.3"]["title"] == "推进森林城市建设"
    assert "66.8%" in sections["3.4.3"]["text"]


@pytest.mark.parametrize(
    ("number", "lead", "co", "territorial_count"),
    [
        (1, "市经信局", [], 14),
        (4, "市发改委", ["市建委", "市城投集团"], 14),
        (
            10,
            "市商务局",
            [
                "市发改委",
                "市市场监管局",
                "市质监局",
                "市生态环境局",
                "市物价局",
                "中石化杭州分公司",
                "中石油杭州分公司",
            ],
            0,
        ),
        (46, "市生态环境局", ["市林水局"], 2),
        (50, "市林水局", [], 5),
        (52, "市林水局", [], 14),
        (58, "市审计局", ["市委组织部", "市监委", "市生态环境局"], 0),
    ],
)
def test_first_listed_unit_leads_the_rest_co_operate_districts_answer_for_territory(
    plan_document, number, lead, co, territorial_count
):
    names = {u["code"]: u["name"] for u in plan_document.data["units"]}
    duties = plan_document.duties[number]
    assert [names[d.unit] for d in duties if d.role == "lead"] == [lead]
    assert [names[d.unit] for d in duties if d.role == "co"] == co
    assert len([d for d in duties if d.role == "territorial"]) == territorial_count


def test_group_phrases_resolve_to_their_members(plan_document):
    names = {u["code"]: u["name"] for u in plan_document.data["units"]}
    # Task 57: "各区、县（市）政府、含管委会，市直各单位" — districts lead in their territory.
    duties = plan_document.duties[57]
    assert not [d for d in duties if d.role == "lead"]
    territorial = {names[d.unit] for d in duties if d.role == "territorial"}
    assert {"上城区", "江干区", "淳安县", "建德市"} <= territorial
    assert len(territorial) == 14
    assert {"市生态环境局", "市林水局", "市城投集团"} <= {
        names[d.unit] for d in duties if d.role == "co"
    }
    # Task 55: the committee leads, its member units co-operate.
    duties = plan_document.duties[55]
    assert [names[d.unit] for d in duties if d.role == "lead"] == [
        "杭州市生态文明建设（“美丽杭州”建设）委员会"
    ]
    # Task 12: "相关区、县（市）政府、管委会" keeps the phrase it came through.
    via = {d.via for d in plan_document.duties[12] if d.role == "territorial"}
    assert via == {"相关区、县（市）政府、管委会"}


def test_task_deadlines_follow_the_latest_date_in_the_content(plan_document):
    tasks = {t["number"]: t for t in plan_document.data["tasks"]}
    assert tasks[52]["deadline"] == "2020-12-31"  # 到2020年
    assert tasks[19]["deadline"] == "2022-06-30"  # 2022年6月底前
    assert tasks[33]["deadline"] == "2020-12-31"  # 2020年9月底前 … 2020年年底前
    assert tasks[21]["deadline"] == "2021-12-31"
    assert tasks[62]["deadline"] == "2022-12-31"  # no date: the plan's horizon


def test_units_carry_the_2021_redistricting(plan_document):
    units = {u["code"]: u for u in plan_document.data["units"]}
    by_name = {u["name"]: u for u in units.values()}

    def successors(name):
        return {units[s["unit"]]["name"] for s in by_name[name].get("successors", [])}

    assert successors("江干区") == {"上城区"}
    assert successors("下城区") == {"拱墅区"}
    assert successors("余杭区") == {"临平区"}
    assert successors("杭州大江东产业集聚区（杭州经济技术开发区）") == {"钱塘区"}
    assert by_name["江干区"]["valid_to"] == "2021-04-08"
    assert "valid_to" not in by_name["余杭区"]  # 余杭区 continues after giving up 临平
    assert by_name["钱塘区"]["valid_from"] == "2021-04-09"
