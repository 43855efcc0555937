from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    """Let API clients choose the language of messages with ?lang=kk|ru|en.

    Pages carry the language in their URL prefix; the API has none, so it
    uses ?lang= first and then what LocaleMiddleware found (Accept-Language).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        lang = request.GET.get("lang")
        if request.path.startswith("/api/") and lang in self.languages:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)
