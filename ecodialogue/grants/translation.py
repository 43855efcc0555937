from modeltranslation.translator import TranslationOptions, register

from .models import Announcement, BudgetCategory, Call, Criterion, Question, RequiredDocument


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "summary", "purpose", "eligibility", "description", "funding_statement")
    required_languages = ()


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(BudgetCategory)
class BudgetCategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("name",)


@register(Announcement)
class AnnouncementTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "answer")
