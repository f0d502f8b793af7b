from django.contrib import admin

from .models import DeadlineExtension, Evidence, Report, ReportingPeriod, ReportValue


class ExtensionInline(admin.TabularInline):
    model = DeadlineExtension
    extra = 0
    autocomplete_fields = ["org"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "start", "end", "due_on", "is_open", "plan"]
    list_filter = ["plan", "kind", "is_open"]
    inlines = [ExtensionInline]

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            obj.granted_by = request.user
            obj.save()
        formset.save_m2m()


class ValueInline(admin.TabularInline):
    model = ReportValue
    extra = 0
    can_delete = False
    readonly_fields = ["target", "value"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    readonly_fields = ["original_name", "kind", "size", "sha256", "uploaded_by", "uploaded_at"]
    exclude = ["file"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only here: reports change only through the workflow, which audits every step."""

    list_display = ["period", "task", "org", "version", "state", "status", "percent", "updated_at"]
    list_filter = ["state", "status", "period", "org__kind"]
    search_fields = ["task__name", "org__name", "narrative"]
    inlines = [ValueInline, EvidenceInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
