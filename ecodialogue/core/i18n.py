from django.conf import settings
from django.utils.translation import get_language


def current_language() -> str:
    """The active language as one of the platform's codes (kk, ru, en), never a regional variant."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
