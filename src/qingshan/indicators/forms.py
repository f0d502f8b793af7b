from __future__ import annotations

from django import forms

from qingshan.plans.models import Org


class EntryForm(forms.Form):
    """Office entry of an indicator value; the rules are checked by entry.enter_value."""

    period = forms.CharField(label="期次", max_length=7, help_text="年份如 2020，季度如 2020Q4")
    value = forms.CharField(label="数值", max_length=30)
    unit = forms.CharField(label="计量单位", max_length=30)
    scope_org = forms.ModelChoiceField(
        label="范围", queryset=Org.objects.none(), required=False, empty_label="全市（方案范围）"
    )
    note = forms.CharField(
        label="数据出处", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    evidence = forms.FileField(label="佐证材料", required=False)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].initial = indicator.unit
        self.fields["scope_org"].queryset = Org.objects.filter(  # type: ignore[attr-defined]
            region=indicator.plan.region, kind=Org.Kind.DISTRICT
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ModelChoiceField) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"
