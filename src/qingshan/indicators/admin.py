from django.contrib import admin

from .models import IndicatorValue


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    """Read-only: derived values are rebuilt from their sources, entries go through the
    indicator page (checked and audited), corrections supersede."""

    list_display = ("indicator", "scope_org", "period", "value", "unit", "source", "produced_by")
    list_filter = ("source", "partial", "is_current", "indicator__plan")
    search_fields = ("indicator__name", "indicator__code", "produced_by", "note")
    list_select_related = ("indicator", "scope_org")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
