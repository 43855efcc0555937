from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ecodialogue.core.errors import ServiceError

from . import services
from .bin import bin_findings, normalize_bin
from .models import Invitation, JoinRequest, LegalForm, Membership, Organization, Settlement, Theme
from .selectors import forget_choices


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "level", "region"]
    list_filter = ["level"]
    search_fields = ["code", "name_kk", "name_ru"]
    raw_id_fields = ["parent", "region"]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(forget_choices)  # the directory's theme filter lists them

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(forget_choices)


@admin.register(LegalForm)
class LegalFormAdmin(TranslationAdmin):
    list_display = ["name", "abbreviation", "slug", "position"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


class OrganizationAdminForm(forms.ModelForm):
    """The admin's fields come from OrganizationAdmin; this form only adds the BIN rule."""

    def clean_bin(self):
        value = normalize_bin(self.cleaned_data.get("bin") or "")
        problems = [f for f in bin_findings(value) if f.is_error] if value else []
        if problems:
            raise forms.ValidationError(problems[0].text, code=problems[0].code)
        return value or None


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    form = OrganizationAdminForm
    list_display = ["name", "kind", "bin", "region", "verification_status", "network_status"]
    list_filter = ["kind", "verification_status", "network_status", "region"]
    search_fields = ["search_text", "bin"]
    raw_id_fields = ["settlement", "region", "verified_by"]
    readonly_fields = [
        "search_text",
        "verified_at",
        "verified_by",
        "certificate_uploaded_at",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["themes"]
    inlines = [MembershipInline]
    actions = ["verify"]

    def save_model(self, request, obj, form, change):
        try:
            services.organization_save_from_admin(organization=obj, actor=request.user, changed=form.changed_data)
        except ServiceError as error:
            # The form validated; only a race (a duplicate BIN saved meanwhile) gets here.
            self.message_user(request, str(error.message), messages.ERROR)

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        for organization in queryset:
            try:
                services.organization_verify(
                    organization=organization, actor=request.user, status=Organization.Verification.VERIFIED
                )
            except ServiceError as error:
                self.message_user(
                    request,
                    _("%(name)s: %(problem)s") % {"name": organization, "problem": error.message},
                    messages.ERROR,
                )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "status", "created_at", "expires_at"]
    list_filter = ["status"]
    exclude = ["token_hash"]
    raw_id_fields = ["organization", "invited_by", "responded_by"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["organization", "user", "decided_by"]
