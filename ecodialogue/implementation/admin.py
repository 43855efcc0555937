"""Read-only views of agreements and reports for staff: every change goes through the pages and their services.

Terms, payments and approvals have rules (draft only, once, after approval)
that the admin's generic forms would skip, so the admin only shows.
"""

from django.contrib import admin

from ecodialogue.grants.permissions import is_grant_maker_staff

from .models import Agreement, Output, PlanChange, Report, Tranche


class ReadOnlyAdmin(admin.ModelAdmin):
    call_path = "call"

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if request.user.is_superuser:
            return rows
        return rows.filter(**{f"{self.call_path}__grant_maker__memberships__user": request.user}).distinct()

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_grant_maker_staff.test(request.user, None)


class TrancheInline(admin.TabularInline):
    model = Tranche
    fields = ["position", "percent", "amount", "report"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["number", "call", "status", "amount", "currency", "signed_on"]
    list_filter = ["status", "call"]
    search_fields = ["number", "consortium__lead__name_kk", "consortium__lead__name_ru"]
    list_select_related = ["call"]
    inlines = [TrancheInline]
    fields = [
        "number",
        "call",
        "consortium",
        "status",
        "amount",
        "currency",
        "starts_on",
        "ends_on",
        "signed_on",
        "notes",
    ]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    call_path = "agreement__call"
    list_display = ["__str__", "agreement", "status", "due_on", "submitted_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["agreement"]
    fields = ["agreement", "kind", "period_start", "period_end", "due_on", "status", "summary", "submitted_at"]


@admin.register(PlanChange)
class PlanChangeAdmin(ReadOnlyAdmin):
    call_path = "plan__agreement__call"
    list_display = ["plan", "status", "proposed_at", "decided_at"]
    list_filter = ["status"]
    fields = ["plan", "status", "reason", "proposed_at", "decided_at", "decision_note"]


@admin.register(Output)
class OutputAdmin(ReadOnlyAdmin):
    call_path = "part__report__agreement__call"
    list_display = ["title", "kind", "file_type", "visibility", "created_at"]
    list_filter = ["visibility", "kind"]
    fields = ["title", "kind", "file_type", "visibility", "created_at"]
