"""The registry is kept here between yearly imports: enterprises with their listings,
enforcement records and credit ratings inline.  Every change writes an audit event (the admin
saves inside a transaction, so the event is part of the change)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.utils.html import format_html

from qingshan.audit.services import record_event

from . import creditcode
from .coordinates import location_problem
from .models import CreditRating, EnforcementRecord, Enterprise, Listing


def _snapshot(obj: Any) -> dict[str, Any]:
    return {k: (str(v) if v is not None and not isinstance(v, bool | int) else v)
            for k, v in model_to_dict(obj).items()}  # fmt: skip


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "district", "industry", "permit_number", "address",
                  "longitude", "latitude", "coordinate_system", "is_published", "is_simulated"]  # fmt: skip

    def clean_credit_code(self) -> str:
        code = creditcode.normalise(self.cleaned_data["credit_code"])
        why = creditcode.problem(code)
        if why:
            raise forms.ValidationError(why)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lon, lat = data.get("longitude"), data.get("latitude")
        if (lon is None) != (lat is None):
            raise forms.ValidationError("经度和纬度应同时填写，或同时留空")
        if lon is not None and lat is not None:
            found = location_problem(lon, lat)
            if found:
                self.add_error("longitude", found[1])
        return data


class ListingInline(admin.TabularInline):
    model = Listing
    extra = 0
    fields = ["year", "water", "air", "soil", "noise", "risk"]


HTTPS_LINKS: dict = {models.URLField: {"assume_scheme": "https"}}


class EnforcementInline(admin.StackedInline):
    model = EnforcementRecord
    extra = 0
    formfield_overrides = HTTPS_LINKS
    fields = [("date", "authority", "decision_number"), "violation", ("penalty_amount", "url"),
              "text"]  # fmt: skip


class RatingInline(admin.TabularInline):
    model = CreditRating
    extra = 0
    fields = ["year", "level", "authority", "note"]


class AuditedAdmin(admin.ModelAdmin):
    object_type = ""
    formfield_overrides = HTTPS_LINKS

    def _record(self, request: Any, action: str, obj: Any, before: Any, after: Any) -> None:
        record_event(
            f"polluters.{action}",
            self.object_type,
            obj.pk,
            actor=request.user,
            summary=f"管理后台{ {'change': '修改', 'add': '新增', 'delete': '删除'}[action] }：{obj}",
            before=before,
            after=after,
        )

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = _snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        self._record(request, "change" if change else "add", obj, before, _snapshot(obj))

    def delete_model(self, request: Any, obj: Any) -> None:
        before = _snapshot(obj)
        self._record(request, "delete", obj, before, None)
        super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            self._record(request, "delete", obj, _snapshot(obj), None)
        super().delete_queryset(request, queryset)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        before = {
            f.instance.pk: _snapshot(type(f.instance).objects.get(pk=f.instance.pk))
            for f in formset.forms
            if f.instance.pk and f.has_changed()
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._record_inline(request, "add", obj, None, _snapshot(obj))
        for obj, _ in formset.changed_objects:
            self._record_inline(request, "change", obj, before.get(obj.pk), _snapshot(obj))
        for obj in formset.deleted_objects:
            self._record_inline(request, "delete", obj, _snapshot(obj), None)

    def _record_inline(self, request: Any, action: str, obj: Any, before: Any, after: Any) -> None:
        record_event(
            f"polluters.{action}",
            type(obj)._meta.model_name or "",
            obj.pk or "",
            actor=request.user,
            summary=f"管理后台：{obj}",
            before=before,
            after=after,
        )


class YearFilter(admin.SimpleListFilter):
    title = "名录年份"
    parameter_name = "year"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        years = Listing.objects.values_list("year", flat=True).distinct().order_by("-year")
        return [(str(y), f"{y}年") for y in years]

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value() or ""
        if value.isdigit():
            return queryset.filter(listings__year=int(value)).distinct()
        return queryset


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    object_type = "enterprise"
    form = EnterpriseForm
    list_display = ["name", "credit_code", "district", "industry", "years", "is_published",
                    "is_simulated", "page"]  # fmt: skip
    list_filter = [YearFilter, ("district", admin.RelatedOnlyFieldListFilter), "is_published", "is_simulated",
                   "listings__water", "listings__air", "listings__soil", "listings__noise",
                   "listings__risk", "coordinate_system"]  # fmt: skip
    search_fields = ["name", "credit_code", "address", "permit_number", "industry"]
    list_editable = ["is_published"]
    list_per_page = 50
    autocomplete_fields = ["district"]
    actions = ["publish", "unpublish"]
    inlines = [ListingInline, EnforcementInline, RatingInline]
    fieldsets = [
        (None, {"fields": ["name", "credit_code", "district", "industry", "permit_number"]}),
        ("位置", {"fields": ["address", ("longitude", "latitude"), "coordinate_system"]}),
        ("公开", {"fields": ["is_published", "is_simulated"]}),
    ]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("district").prefetch_related("listings")

    @admin.display(description="名录年份")
    def years(self, obj: Enterprise) -> str:
        return "、".join(str(x.year) for x in obj.listings.all())  # type: ignore[attr-defined]

    @admin.display(description="公开页面")
    def page(self, obj: Enterprise) -> str:
        if not obj.is_published:
            return "—"
        return format_html('<a href="{}" target="_blank">查看</a>', obj.get_absolute_url())

    def _set_published(self, request: Any, queryset: Any, value: bool) -> None:
        for obj in queryset.filter(is_published=not value):
            before = _snapshot(obj)
            obj.is_published = value
            obj.save(update_fields=["is_published", "updated_at"])
            self._record(request, "change", obj, before, _snapshot(obj))

    @admin.action(description="公开所选单位")
    def publish(self, request: Any, queryset: Any) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description="取消公开所选单位")
    def unpublish(self, request: Any, queryset: Any) -> None:
        self._set_published(request, queryset, False)


@admin.register(EnforcementRecord)
class EnforcementRecordAdmin(AuditedAdmin):
    object_type = "enforcementrecord"
    list_display = ["date", "enterprise", "authority", "decision_number", "penalty_amount"]
    list_filter = ["authority", ("enterprise__district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["enterprise__name", "enterprise__credit_code", "decision_number", "violation"]
    date_hierarchy = "date"
    autocomplete_fields = ["enterprise"]


@admin.register(CreditRating)
class CreditRatingAdmin(AuditedAdmin):
    object_type = "creditrating"
    list_display = ["year", "enterprise", "level", "authority"]
    list_filter = ["year", "level"]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    autocomplete_fields = ["enterprise"]
