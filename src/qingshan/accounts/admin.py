from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "org", "role"]
    list_filter = ["role", "org__kind"]
    search_fields = ["user__username", "user__first_name", "org__name"]
    autocomplete_fields = ["user", "org"]
