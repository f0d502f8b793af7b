"""Hangzhou's 2021 redistricting: what was assigned to a 2019 district is answered by its successor."""

from __future__ import annotations

import datetime as dt

from qingshan.plans.models import Org
from qingshan.plans.services import answering_units, responsibility_matrix

BEFORE = dt.date(2019, 6, 30)
AFTER = dt.date(2021, 12, 31)


def org(name):
    return Org.objects.get(region="杭州市", name=name)


def names(units):
    return [u.name for u in units]


def test_a_district_answers_for_itself_before_the_redistricting(hz):
    assert names(answering_units(org("江干区"), BEFORE)) == ["江干区"]
    assert names(answering_units(org("下城区"), BEFORE)) == ["下城区"]


def test_merged_districts_are_answered_by_the_new_district(hz):
    assert names(answering_units(org("江干区"), AFTER)) == ["上城区"]
    assert names(answering_units(org("下城区"), AFTER)) == ["拱墅区"]


def test_a_district_that_gave_up_territory_answers_together_with_the_new_one(hz):
    assert names(answering_units(org("余杭区"), BEFORE)) == ["余杭区"]
    assert names(answering_units(org("余杭区"), AFTER)) == ["余杭区", "临平区"]


def test_the_development_zone_is_answered_by_qiantang(hz):
    djd = org("杭州大江东产业集聚区（杭州经济技术开发区）")
    assert names(answering_units(djd, AFTER)) == ["钱塘区"]


def test_new_shangcheng_inherits_the_tasks_of_jianggan(hz):
    matrix = responsibility_matrix(hz, org("上城区"))
    [(succession, tasks)] = matrix.inherited
    assert succession.predecessor.name == "江干区"
    assert succession.date == dt.date(2021, 4, 9)
    # 江干区 is named in task 48 (six rivers) besides every "各区、县（市）" task.
    assert 48 in {t.number for t in tasks}


def test_a_municipal_bodys_matrix_separates_lead_and_co_operation(hz):
    matrix = responsibility_matrix(hz, org("市林水局"))
    # Tasks whose 责任单位 starts with 市林水局 in the plan's table.
    assert sorted(t.number for t in matrix.lead) == [16, 28, 30, 32, 45, 49, 50, 51, 52]
    assert {12, 17, 31, 44, 46, 47, 59, 60} <= {t.number for t in matrix.co}
