from django.contrib import admin

from .models import ActivityEntry


@admin.register(ActivityEntry)
class ActivityEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence and is never edited through the application."""

    list_display = ["created_at", "actor", "verb", "object_repr"]
    list_filter = ["verb", "content_type"]
    search_fields = ["object_repr", "verb"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
