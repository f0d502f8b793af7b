from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from qingshan.numbers import parse_decimal
from qingshan.plans.models import Target

from .models import Report


class LooseDecimalField(forms.CharField):
    """Accepts full-width digits and thousands separators; stores a Decimal."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in (None, ""):
            return None
        try:
            return parse_decimal(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ReportForm(forms.Form):
    status = forms.ChoiceField(label="进展状态", choices=Report.Status.choices)
    percent = forms.IntegerField(label="完成比例（%）", min_value=0, max_value=100)
    narrative = forms.CharField(
        label="工作完成情况",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
    problems = forms.CharField(
        label="存在问题", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    next_steps = forms.CharField(
        label="下步打算", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, targets: list[Target], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.targets = targets
        for target in targets:
            unit = target.unit or target.indicator.unit
            self.fields[f"value_{target.pk}"] = LooseDecimalField(
                label=f"{target.indicator.name}（{unit}）",
                required=False,
                help_text=f"目标：{target.display_value}，{target.deadline:%Y年%m月}前；填写截至本期末的累计值",
            )

    def values(self) -> dict[int, Decimal | None]:
        return {t.pk: self.cleaned_data.get(f"value_{t.pk}") for t in self.targets}

    def report_fields(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data[k]
            for k in ("status", "percent", "narrative", "problems", "next_steps")
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="退回意见", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ExtensionForm(forms.Form):
    org = forms.CharField(label="单位代码")
    due_on = forms.DateField(label="延至", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="理由", max_length=300)
