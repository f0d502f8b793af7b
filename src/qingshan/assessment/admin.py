from django.contrib import admin

from .models import AssessmentRun, AssessmentScheme, Score


class ReadOnly(admin.ModelAdmin):
    """Schemes, runs and scores are never edited: new versions and copies are made on the
    assessment pages, which check and audit them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AssessmentScheme)
class SchemeAdmin(ReadOnly):
    list_display = ("plan", "version", "name", "created_by", "created_at")


@admin.register(AssessmentRun)
class RunAdmin(ReadOnly):
    list_display = ("pk", "plan", "kind", "year", "scheme", "created_at", "published_at")
    list_filter = ("kind", "year", "published_at")
    exclude = ("inputs",)


@admin.register(Score)
class ScoreAdmin(ReadOnly):
    list_display = ("run", "org_name", "group", "total", "rank", "grade")
    list_filter = ("run", "group", "grade")
    search_fields = ("org_name",)
