from modeltranslation.translator import TranslationOptions, register

from .models import LegalForm, Organization, Theme


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")
    # The name is required in at least the default language (Kazakh) by the
    # form; other languages fall back (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
    required_languages = ()


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(LegalForm)
class LegalFormTranslation(TranslationOptions):
    fields = ("name", "abbreviation")
