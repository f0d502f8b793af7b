from __future__ import annotations

from django import forms

from .models import AssessmentRun
from .schemes import DEDUCTIONS, ITEMS, REPORTING_PARTS, ROLES, STATUSES


def _num(label: str, initial=None) -> forms.DecimalField:
    return forms.DecimalField(label=label, initial=initial, max_digits=6, decimal_places=2)


class SchemeForm(forms.Form):
    """The scheme's numbers as fields; the rules themselves are checked by schemes.check_rules."""

    name = forms.CharField(label="名称", max_length=100, initial="考核评分办法")
    note = forms.CharField(label="修订说明", max_length=500, required=False)

    def __init__(self, *args, rules: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in ITEMS.items():
            self.fields[f"w_{key}"] = _num(f"{label}权重（%）", rules["weights"][key])
        for key, label in REPORTING_PARTS.items():
            self.fields[f"r_{key}"] = _num(f"{label}（%）", rules["reporting"][key])
        for key, label in ROLES.items():
            self.fields[f"role_{key}"] = _num(f"{label}系数", rules["task_roles"][key])
        for key, label in STATUSES.items():
            self.fields[f"s_{key}"] = _num(f"“{label}”得分", rules["status_scores"][key])
        for key, label in DEDUCTIONS.items():
            self.fields[f"d_{key}"] = _num(label, rules["deductions"][key])
        self.grades = rules["grades"]
        for i, (floor, label) in enumerate(self.grades):
            self.fields[f"g_{i}"] = _num(f"“{label}”下限", floor)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"

    def groups(self):
        prefixes = [
            ("一级权重（合计 100）", "w_"),
            ("进展报送内部权重（合计 100）", "r_"),
            ("任务职责系数", "role_"),
            ("状态得分", "s_"),
            ("扣分", "d_"),
            ("等次下限（从高到低，最低一档为 0）", "g_"),
        ]
        return [(title, [self[n] for n in self.fields if n.startswith(p)]) for title, p in prefixes]

    def rules(self) -> dict:
        d = self.cleaned_data

        def pick(prefix: str, keys) -> dict:
            return {k: float(d[f"{prefix}{k}"]) for k in keys}

        return {
            "weights": pick("w_", ITEMS),
            "reporting": pick("r_", REPORTING_PARTS),
            "task_roles": pick("role_", ROLES),
            "status_scores": pick("s_", STATUSES),
            "deductions": pick("d_", DEDUCTIONS),
            "grades": [[float(d[f"g_{i}"]), label] for i, (_, label) in enumerate(self.grades)],
        }


class RunForm(forms.Form):
    kind = forms.ChoiceField(label="考核类型", choices=AssessmentRun.Kind.choices)
    year = forms.TypedChoiceField(label="考核年度", coerce=int, choices=())
    include_pending = forms.BooleanField(
        label="仅按已审核报告考核（未审核的报告不计入，并在结果中注明）", required=False
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(plan.start_year, plan.horizon_year + 1)
        self.fields["year"].choices = [(y, f"{y} 年") for y in years]  # type: ignore[attr-defined]
        self.fields["year"].initial = plan.horizon_year
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["year"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["include_pending"].widget.attrs["class"] = "form-check-input"
