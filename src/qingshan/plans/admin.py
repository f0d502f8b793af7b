from django.contrib import admin

from .models import (
    Indicator,
    Org,
    Plan,
    Responsibility,
    Section,
    Succession,
    Target,
    Task,
    UnitGroup,
    UnquantifiedNumber,
)

admin.site.site_header = "青山 · 生态文明建设行动方案管理"
admin.site.site_title = "青山管理后台"
admin.site.index_title = "数据管理"


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "承继单位"
    verbose_name_plural = "承继单位"


@admin.register(Org)
class OrgAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "valid_from", "valid_to"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "full_name", "code"]
    inlines = [SuccessionInline]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["org"]


class TargetInline(admin.StackedInline):
    model = Target
    fk_name = "task"
    extra = 0
    autocomplete_fields = ["indicator", "scope_org", "scope_group", "goal", "section"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "code",
        "document_number",
        "effective_on",
        "horizon_year",
        "is_published",
    ]
    list_filter = ["is_published", "region"]
    search_fields = ["title", "code", "document_number"]
    autocomplete_fields = ["lead_unit"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["code", "title", "text"]
    autocomplete_fields = ["parent"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "section", "deadline", "plan"]
    list_display_links = ["number", "name"]
    list_filter = ["plan", "deadline", "section__parent"]
    search_fields = ["name", "content", "responsible_text"]
    autocomplete_fields = ["section"]
    inlines = [ResponsibilityInline, TargetInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "direction", "measurement", "plan"]
    list_filter = ["plan", "measurement", "direction"]
    search_fields = ["name", "code"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "indicator",
        "comparator",
        "value",
        "unit",
        "deadline",
        "scope_org",
        "task",
    ]
    list_filter = ["plan", "comparator", "deadline", "indicator__measurement"]
    search_fields = ["code", "source_text", "indicator__name"]
    autocomplete_fields = ["indicator", "scope_org", "scope_group", "goal", "task", "section"]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["phrase", "code", "plan"]
    search_fields = ["phrase", "code"]
    filter_horizontal = ["members"]
    autocomplete_fields = ["head"]


@admin.register(UnquantifiedNumber)
class UnquantifiedNumberAdmin(admin.ModelAdmin):
    list_display = ["text", "reason", "plan"]
    search_fields = ["text", "reason"]
