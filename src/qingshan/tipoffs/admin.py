"""The holiday calendar and the reward rules, edited by the office in the admin.

The office's accounts are staff without model permissions, so these two tables open to the
office role explicitly.  Cases and reporters' identities are not in the admin at all: they are
handled on the office's own pages, where every look at an identity is recorded."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms.models import model_to_dict

from qingshan.accounts.roles import is_office
from qingshan.audit.services import record_event

from .models import Holiday, RewardRule


def _plain(obj: Any) -> dict:
    return {k: str(v) if v is not None else None for k, v in model_to_dict(obj).items()}


class OfficeAdmin(admin.ModelAdmin):
    audit_type = ""

    def has_module_permission(self, request):
        return is_office(request.user)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user)

    def has_add_permission(self, request):
        return is_office(request.user)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_office(request.user)

    # The admin wraps each save and delete in a transaction: the audit event joins it.
    def save_model(self, request, obj, form, change):
        before = _plain(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        record_event(
            f"{self.audit_type}.{'change' if change else 'add'}",
            self.audit_type,
            obj.pk,
            actor=request.user,
            summary=f"后台{'修改' if change else '新增'}：{obj}",
            before=before,
            after=_plain(type(obj).objects.get(pk=obj.pk)),  # as stored, like `before`
        )

    def delete_model(self, request, obj):
        before = _plain(obj)
        pk = obj.pk
        super().delete_model(request, obj)
        record_event(
            f"{self.audit_type}.delete",
            self.audit_type,
            pk,
            actor=request.user,
            summary=f"后台删除：{before}",
            before=before,
        )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Holiday)
class HolidayAdmin(OfficeAdmin):
    audit_type = "holiday"
    list_display = ["date", "name", "kind", "source"]
    list_filter = ["kind", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(RewardRule)
class RewardRuleAdmin(OfficeAdmin):
    audit_type = "reward_rule"
    list_display = ["category", "severity", "amount", "valid_from", "valid_to", "note"]
    list_filter = ["category", "severity"]
