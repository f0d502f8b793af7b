from __future__ import annotations

import datetime as dt

from django import forms

from .models import CoordinateSystem


def _default_year() -> int:
    return dt.date.today().year


class ImportForm(forms.Form):
    file = forms.FileField(
        label="名录文件",
        help_text="CSV（UTF-8 或 GBK）、Excel（.xlsx、.xls），不超过 10 MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.xls"}),
    )
    year = forms.IntegerField(
        label="名录年份", min_value=2000, max_value=2100, initial=_default_year
    )
    crs = forms.ChoiceField(
        label="经纬度坐标系",
        choices=CoordinateSystem.choices,
        initial=CoordinateSystem.WGS84,
        help_text="按名录发布时的坐标系选择：排污许可系统、天地图为 WGS-84/CGCS2000，高德、腾讯地图为 GCJ-02",
    )
    replace = forms.BooleanField(
        label="本文件是该年度的完整名录（不在文件中的单位移出该年度名录）", required=False
    )
    publish = forms.BooleanField(label="新增的单位立即公开", required=False, initial=True)
