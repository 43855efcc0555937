"""Staff configure a call's texts, rules and dates here; every save goes through the same checks."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import permissions as perms
from . import selectors
from .models import Announcement, BudgetCategory, Call, Criterion, Priority, Question, RequiredDocument
from .rules import call_configuration_findings


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
    raw_id_fields = ["grant_maker"]
    inlines = [CriterionInline, BudgetCategoryInline, RequiredDocumentInline, PriorityInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or perms.can_manage_call.test(request.user, obj)
        )

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
    readonly_fields = ["call", "author", "published_at"]

    def has_add_permission(self, request):
        return False  # published from the call's manage page, which notifies followers


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["__str__", "call", "asked_at", "answered_at"]
    list_filter = ["call"]
    readonly_fields = ["call", "asked_by", "language", "asked_at", "answered_at", "answered_by"]

    def has_add_permission(self, request):
        return False


admin.site.site_header = _("EcoDialogue administration")
