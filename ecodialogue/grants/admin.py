"""Staff configure a call's texts, rules and dates here; every save goes through the same checks."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from ecodialogue.organizations.models import Organization

from . import selectors
from .models import (
    Announcement,
    Application,
    BudgetCategory,
    Call,
    Criterion,
    Pilot,
    Priority,
    Question,
    RequiredDocument,
    Submission,
)
from .permissions import can_manage_call, is_grant_maker_staff
from .rules import call_configuration_findings

FROZEN_RULES = (
    Call.Status.UNDER_REVIEW,
    Call.Status.DECIDED,
    Call.Status.IN_IMPLEMENTATION,
    Call.Status.COMPLETED,
)


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0


class BudgetCategoryInline(TranslationTabularInline):
    model = BudgetCategory
    extra = 0


class RequiredDocumentInline(TranslationTabularInline):
    model = RequiredDocument
    extra = 0


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    raw_id_fields = ["region"]


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    list_display = ["title", "code", "grant_maker", "status", "deadline"]
    list_filter = ["status", "grant_maker"]
    search_fields = ["code", "title_kk", "title_ru", "title_en"]
    # The state changes only through the manage page, where the transition table is enforced.
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    inlines = [CriterionInline, BudgetCategoryInline, RequiredDocumentInline, PriorityInline]

    def has_change_permission(self, request, obj=None):
        # Django's admin asks without the object; the call's own staff are checked here. From the
        # review on, the rules are what the commission scores and decides by: they no longer change.
        if obj is not None and obj.status in FROZEN_RULES:
            return False
        return super().has_change_permission(request, obj) and (obj is None or can_manage_call.test(request.user, obj))

    def get_queryset(self, request):
        calls = super().get_queryset(request)
        if request.user.is_superuser:
            return calls
        return calls.filter(grant_maker__memberships__user=request.user).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "grant_maker" and not request.user.is_superuser:
            # A grant-maker's staff create calls for their own organisation only.
            kwargs["queryset"] = Organization.objects.filter(kind="grant_maker", memberships__user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Show what still keeps the call from being announced, in the staff's language.
        for finding in call_configuration_findings(selectors.call_config(form.instance)):
            self.message_user(request, finding.text, messages.WARNING)


@admin.register(Announcement)
class AnnouncementAdmin(TranslationAdmin):
    list_display = ["title", "call", "published_at"]

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if request.user.is_superuser else rows.filter(call__grant_maker__memberships__user=request.user)

    readonly_fields = ["call", "author", "published_at"]

    def has_add_permission(self, request):
        return False  # published from the call's manage page, which notifies followers


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["__str__", "call", "asked_at", "answered_at"]

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if request.user.is_superuser else rows.filter(call__grant_maker__memberships__user=request.user)

    list_filter = ["call"]
    readonly_fields = ["call", "asked_by", "language", "asked_at", "answered_at", "answered_by"]

    def has_add_permission(self, request):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PilotInline(ReadOnlyInline):
    model = Pilot
    fields = ["title", "organization", "settlement", "budget_total", "eu_declaration"]
    readonly_fields = fields


class SubmissionInline(ReadOnlyInline):
    model = Submission
    fields = ["sequence", "number", "submitted_at", "submitted_by", "sha256"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read only: applications change through their forms, which enforce the call's rules and versions.

    A submitted application must not change through any path, the admin
    included; staff re-open it on its page, with a reason, and that is logged.
    """

    list_display = ["__str__", "call", "status", "total_amount", "checklist_errors", "submitted_at"]
    list_filter = ["status", "call"]
    search_fields = ["number", "consortium__lead__name_kk", "consortium__lead__name_ru"]
    inlines = [PilotInline, SubmissionInline]
    list_select_related = ["consortium__lead", "call"]

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if request.user.is_superuser else rows.filter(call__grant_maker__memberships__user=request.user)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_grant_maker_staff.test(request.user, obj.call if obj else None)


admin.site.site_header = _("EcoDialogue administration")
