"""Importing a year again updates what changed and nothing else; an older year's list does not
overwrite a newer one; every import is one audit event; the command prints the counts."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from qingshan.audit.models import AuditEvent
from qingshan.polluters.importing import import_list
from qingshan.polluters.models import Enterprise, Listing


def test_the_same_file_twice_leaves_everything_unchanged(hz, files):
    data = files.csv([files.row(n) for n in range(1, 6)])
    first = import_list("名录.csv", data, year=2022)
    stamps = dict(Enterprise.objects.values_list("credit_code", "updated_at"))
    again = import_list("名录.csv", data, year=2022)
    assert (first.created, again.created, again.updated, again.unchanged) == (5, 0, 0, 5)
    assert dict(Enterprise.objects.values_list("credit_code", "updated_at")) == stamps
    assert Listing.objects.count() == 5


def test_a_corrected_file_updates_only_the_rows_that_changed(hz, files):
    import_list("名录.csv", files.csv([files.row(1), files.row(2), files.row(3)]), year=2022)
    corrected = files.csv(
        [files.row(1), files.row(2, 地址="萧山区新地址8号"), files.row(3), files.row(4)]
    )
    result = import_list("名录-更正.csv", corrected, year=2022)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    assert Enterprise.objects.get(credit_code=files.code(2)).address == "萧山区新地址8号"
    event = AuditEvent.objects.filter(action="polluters.import").first()
    assert event is not None and event.object_id == "2022"
    assert event.before == {files.code(2): {"address": "萧山区测试路2号"}}
    assert event.after["updated"] == {files.code(2): {"address": "萧山区新地址8号"}}
    assert event.after["created"] == [files.code(4)]


def test_each_import_writes_one_audit_event_with_the_file_hash(hz, files):
    data = files.csv([files.row(1)])
    import_list("名录.csv", data, year=2022, label="测试")
    import_list("名录.csv", data, year=2022, label="测试")
    events = AuditEvent.objects.filter(action="polluters.import")
    assert events.count() == 2
    assert len(events[0].after["sha256"]) == 64 and events[0].actor_label == "测试"


def test_an_older_list_adds_its_year_without_overwriting_the_newer_details(hz, files):
    import_list("2022.csv", files.csv([files.row(1, "临平区", 地址="临平新址")]), year=2022)
    result = import_list(
        "2020.csv", files.csv([files.row(1, "余杭区", 地址="余杭旧址")]), year=2020
    )
    assert result.updated == 1  # the 2020 listing is new
    e = Enterprise.objects.get()
    assert (e.district.code, e.address) == ("linping", "临平新址")
    assert sorted(e.listings.values_list("year", flat=True)) == [2020, 2022]


def test_a_file_without_a_column_leaves_that_field_alone(hz, files):
    import_list("名录.csv", files.csv([files.row(1)]), year=2022)
    short = files.csv(
        [["萧山区", "测试单位1有限公司", files.code(1), "水环境"]],
        header=["区县", "单位名称", "统一社会信用代码", "类别"],
    )
    assert import_list("名录.csv", short, year=2022).unchanged == 1
    e = Enterprise.objects.get()
    assert e.address == "萧山区测试路1号" and e.longitude == Decimal("120.26")


def test_categories_add_up_unless_the_file_replaces_the_year(hz, files):
    import_list("水.csv", files.csv([files.row(1), files.row(2)]), year=2022)
    import_list("气.csv", files.csv([files.row(1, 类别="大气环境")]), year=2022)
    assert Listing.objects.get(enterprise__credit_code=files.code(1)).categories == [
        "water",
        "air",
    ]
    result = import_list(
        "完整名录.csv", files.csv([files.row(1, 类别="大气环境")]), year=2022, replace=True
    )
    assert result.removed == 1
    assert list(Listing.objects.values_list("enterprise__credit_code", flat=True)) == [
        files.code(1)
    ]
    assert Listing.objects.get().categories == ["air"]
    assert Enterprise.objects.filter(credit_code=files.code(2)).exists()  # kept, off the list


def test_unpublished_imports_stay_off_the_public_pages(hz, files):
    import_list("名录.csv", files.csv([files.row(1)]), year=2022, publish=False)
    assert not Enterprise.objects.get().is_published


def test_the_command_prints_created_updated_and_unchanged(hz, files, tmp_path):
    path = tmp_path / "2022年名录.csv"
    path.write_bytes(files.csv([files.row(1), files.row(2)]))
    out = io.StringIO()
    call_command("polluters", "import", str(path), "--year", "2022", stdout=out)
    assert "新增 2，更新 0，未变 0" in out.getvalue()
    out = io.StringIO()
    call_command("polluters", "import", str(path), "--year", "2022", stdout=out)
    assert "新增 0，更新 0，未变 2" in out.getvalue()


def test_the_command_lists_the_problems_and_fails(hz, files, tmp_path):
    path = tmp_path / "名录.csv"
    path.write_bytes(files.csv([files.row(1, "浦东新区")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("polluters", "import", str(path), "--year", "2022", stderr=err)
    assert "名录.csv 第2行B列（区县） “浦东新区” [区县]" in err.getvalue()
    assert not Enterprise.objects.exists()
