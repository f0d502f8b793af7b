"""The registry of stations and sections is edited here (spreadsheets of them are loaded on the
monitoring import page, /monitoring/import/); import batches and the corrections they made are
read-only: they are the record of what was loaded, by whom, and what it replaced."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import AirStation, ImportBatch, Revision, WaterSection


@admin.register(AirStation)
class AirStationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "district", "active_from", "active_to", "is_simulated"]
    list_filter = ["level", ("district", admin.RelatedOnlyFieldListFilter), "is_simulated"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["district"]
    fieldsets = [
        (None, {"fields": ["code", "name", "level", "district"]}),
        ("位置与启用", {"fields": ["longitude", "latitude", "active_from", "active_to"]}),
        ("其他", {"fields": ["is_simulated"]}),
    ]


@admin.register(WaterSection)
class WaterSectionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "water", "water_body", "level", "target_class", "district",
                    "is_cross_boundary", "is_drinking_source", "active_from"]  # fmt: skip
    list_filter = ["level", "water_body", "target_class", "is_cross_boundary",
                   "is_drinking_source", ("district", admin.RelatedOnlyFieldListFilter)]  # fmt: skip
    search_fields = ["code", "name", "water"]
    autocomplete_fields = ["district"]
    fieldsets = [
        (None, {"fields": ["code", "name", "water", "water_body", "level", "target_class",
                           "district"]}),
        ("交接断面与水源地", {"fields": ["is_cross_boundary", "is_drinking_source",
                                         "protection_zone"]}),
        ("位置与启用", {"fields": ["longitude", "latitude", "active_from", "active_to"]}),
        ("其他", {"fields": ["is_simulated"]}),
    ]  # fmt: skip


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "source", "file_name", "rows", "created", "updated",
                    "unchanged", "by_label", "page"]  # fmt: skip
    list_filter = ["kind", "source"]
    search_fields = ["file_name", "sha256", "by_label"]
    date_hierarchy = "at"

    @admin.display(description="更正记录")
    def page(self, obj: ImportBatch) -> str:
        # A batch may correct a million values: link to them rather than inline them.
        page = reverse("monitoring:import_batch", args=[obj.pk])
        listed = reverse("admin:monitoring_revision_changelist") + f"?batch__id__exact={obj.pk}"
        return format_html('<a href="{}">批次页</a> · <a href="{}">后台列表</a>', page, listed)


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ["key", "old_value", "old_flag", "new_value", "new_flag", "batch"]
    list_filter = ["kind"]
    search_fields = ["key"]
    list_select_related = ["batch"]
