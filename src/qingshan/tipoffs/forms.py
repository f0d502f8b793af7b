"""Forms of the public report, the tracking page, and the office's and units' actions.
Files are not form fields: the views pass them to the services, which check them by content."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from qingshan.plans.models import Org
from qingshan.polluters.models import Enterprise

from .geo import in_range
from .models import Category, Finding, Holiday, Reward, Severity, Tipoff

PHONE = re.compile(r"^[0-9+\-()（） ]{5,20}$")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def current_units(region: str, kinds: Sequence[str] | None = None) -> QuerySet[Org]:
    today = timezone.localdate()
    orgs = Org.objects.filter(region=region).exclude(valid_to__lt=today)
    orgs = orgs.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
    if kinds:
        orgs = orgs.filter(kind__in=kinds)
    return orgs.order_by("kind", "id")


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label="问题类别", choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label="看到的情况",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="什么时间、在哪里、看到或闻到了什么、持续多久。不超过 2000 字。",
    )
    occurred_at = forms.DateTimeField(label="发现时间", input_formats=DATETIME_FORMATS)
    longitude = forms.DecimalField(
        max_digits=10, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    latitude = forms.DecimalField(
        max_digits=10, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    address = forms.CharField(
        label="地址或位置说明",
        max_length=300,
        required=False,
        help_text="例如：某某路与某某路交叉口东北角、某某工业园区 3 号厂房后门。",
    )
    district = forms.ModelChoiceField(
        label="所在区、县（市）",
        queryset=Org.objects.none(),
        required=False,
        to_field_name="code",
        empty_label="不清楚（由办公室确定）",
    )
    enterprise = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(label="电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    # Honeypot: hidden from people, filled in by form-filling robots.
    website = forms.CharField(required=False)
    pledge = forms.BooleanField(
        label="我承诺所举报的情况属实，知道捏造事实诬告他人须承担法律责任。", required=True
    )

    def __init__(self, *args, region: str = "杭州市", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = current_units(region, [Org.Kind.DISTRICT])  # type: ignore[attr-defined]

    def clean_occurred_at(self) -> dt.datetime:
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + dt.timedelta(minutes=10):
            raise forms.ValidationError("发现时间不能晚于现在")
        if value < timezone.now() - dt.timedelta(days=3 * 365):
            raise forms.ValidationError("发现时间不能早于三年前")
        return value

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("电话号码只能包含数字、空格、+、- 和括号")
        return phone

    def clean_enterprise(self) -> Enterprise | None:
        pk = self.cleaned_data.get("enterprise")
        if not pk:
            return None
        enterprise = Enterprise.objects.filter(pk=pk, is_published=True).first()
        if enterprise is None:
            raise forms.ValidationError("没有找到该企业，请重新搜索")
        return enterprise

    def clean(self):
        data = super().clean() or {}
        lon, lat = data.get("longitude"), data.get("latitude")
        if (lon is None) != (lat is None):
            raise forms.ValidationError("地图位置不完整，请重新在地图上点选")
        if lon is not None and lat is not None and not in_range(lon, lat):
            raise forms.ValidationError("所选位置不在杭州市范围内，请重新在地图上点选")
        if lon is None and not (data.get("address") or "").strip():
            raise forms.ValidationError("请在地图上点选位置，或填写地址")
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class CodeForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=40)


class AdditionForm(CodeForm):
    text = forms.CharField(
        label="补充内容", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClaimForm(CodeForm):
    name = forms.CharField(label="领奖人姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30)
    account = forms.CharField(
        label="收款方式或账号（可选）",
        max_length=100,
        required=False,
        help_text="例如：银行卡开户行及卡号。也可以留空，由工作人员电话联系。",
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if not PHONE.match(phone):
            raise forms.ValidationError("电话号码只能包含数字、空格、+、- 和括号")
        return phone


class Styled(forms.Form):
    """Bootstrap classes on every widget, and ids unique on a page holding several forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{type(self).__name__.lower()}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class RejectForm(Styled):
    reason = forms.CharField(
        label="不予受理的理由（举报人可见）", widget=forms.Textarea(attrs={"rows": 2})
    )


class DuplicateForm(Styled):
    original = forms.CharField(label="与哪件举报重复（编号，如 JB000012）", max_length=20)

    def clean_original(self) -> Tipoff:
        text = self.cleaned_data["original"].strip().upper().removeprefix("JB")
        if not text.isdigit():
            raise forms.ValidationError("请填写举报编号，如 JB000012")
        found = Tipoff.objects.filter(pk=int(text)).first()
        if found is None:
            raise forms.ValidationError("没有这个编号的举报")
        return found


class AssignForm(Styled):
    org = forms.ModelChoiceField(
        label="承办单位", queryset=Org.objects.none(), to_field_name="code"
    )
    working_days = forms.IntegerField(
        label="办理时限（工作日）", min_value=1, max_value=60, initial=15
    )
    shown_description = forms.CharField(
        label="交给承办单位的举报内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="默认是举报原文。请删去姓名、电话、住址、单位等可能暴露举报人的内容。",
    )
    shown_address = forms.CharField(label="交给承办单位的地点描述", max_length=300, required=False)
    instructions = forms.CharField(
        label="交办意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, region: str = "杭州市", **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [Org.Kind.DISTRICT, Org.Kind.DEPARTMENT]
        self.fields["org"].queryset = current_units(region, kinds)  # type: ignore[attr-defined]


class ReturnForm(Styled):
    reason = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(Styled):
    shown_description = forms.CharField(
        label="公开的举报内容摘要", widget=forms.Textarea(attrs={"rows": 3})
    )
    public_outcome = forms.CharField(
        label="办理结果（举报人可见；公开时社会公众可见）", widget=forms.Textarea(attrs={"rows": 4})
    )
    location_shown = forms.ChoiceField(
        label="公开位置", choices=Tipoff.Location.choices, initial=Tipoff.Location.APPROXIMATE
    )
    publish = forms.BooleanField(label="在“已办结举报”中公开", required=False, initial=True)


class ModerateForm(Styled):
    shown_description = forms.CharField(
        label="经审核的举报内容", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    shown_address = forms.CharField(label="经审核的地点描述", max_length=300, required=False)
    public_outcome = forms.CharField(
        label="公开的办理结果", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReleaseForm(Styled):
    text = forms.CharField(
        label="转交承办单位的内容", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RewardForm(Styled):
    grant = forms.TypedChoiceField(
        label="决定",
        choices=[("yes", "给予奖励"), ("no", "不予奖励")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    severity = forms.ChoiceField(
        label="违法情节", choices=[("", "—")] + Severity.choices, required=False
    )
    amount = forms.DecimalField(
        label="奖励金额（元）",
        max_digits=10,
        decimal_places=2,
        required=False,
        min_value=Decimal("0.01"),
        help_text="留空按奖励标准；与标准不同时须说明理由。",
    )
    override_reason = forms.CharField(label="调整金额的理由", required=False)
    reason = forms.CharField(
        label="说明（举报人可见；不予奖励时必填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PayoutForm(Styled):
    paid_on = forms.DateField(label="发放日期", widget=forms.DateInput(attrs={"type": "date"}))
    method = forms.ChoiceField(label="发放方式", choices=Reward.Method.choices)
    reference = forms.CharField(label="凭证号", max_length=100, required=False)


class InvestigationForm(Styled):
    finding = forms.ChoiceField(label="核查结论", choices=Finding.choices, widget=forms.RadioSelect)
    process = forms.CharField(label="调查核实情况", widget=forms.Textarea(attrs={"rows": 4}))
    measures = forms.CharField(
        label="采取的措施", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    penalty_number = forms.CharField(
        label="行政处罚决定书文号（如有）", max_length=100, required=False
    )


class HolidayForm(Styled):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label="节日", max_length=30)
    kind = forms.ChoiceField(label="类别", choices=Holiday.Kind.choices)
    source = forms.CharField(label="依据", max_length=120, required=False)
