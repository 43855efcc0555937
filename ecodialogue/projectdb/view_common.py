"""What the project database's public pages share: their cache, and texts in the reader's language.

The search results, the statistics and a project's page are the same for
every reader, so their HTML is rendered once per language and version of
the projects, and kept until a project changes: the version is the number
of the latest committed change of any project, one lookup
(`search.facet_snapshot.stamp`, `changes.py`), which a save or a deletion
moves at once in every web process. The page around it (menu, staff links)
stays per person.
"""

import hashlib
import json
from dataclasses import asdict

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ecodialogue.core.i18n import current_language

from . import permissions as perms
from .codelists import label
from .records import pick
from .search import facet_snapshot

CACHE_TIMEOUT = 600


def stamp() -> str:
    return facet_snapshot.stamp()


def cached(key: str, build):
    """What `build()` returns, once per version of the projects and language of the reader."""
    key = f"projectdb:page:{current_language()}:{stamp()}:{key}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_TIMEOUT)
    return found


def cached_html(kind: str, filters, build, **extra) -> str:
    """HTML built from the filters, once per version of the projects, language and filters."""
    wanted = json.dumps({**asdict(filters), **extra}, sort_keys=True, default=str)
    html = cached(f"{kind}:{hashlib.sha256(wanted.encode()).hexdigest()[:32]}", build)
    # Our own template's output, escaped when it was rendered.
    return mark_safe(html)  # noqa: S308


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return label("Language", code) if code else ""


# The note beside a text in another language, one whole sentence per pair of the platform's languages:
# Kazakh and Russian decline language names, so "Shown in %(language)s" cannot be translated well.
FALLBACK_NOTES = {
    ("ru", "kk"): _lazy("Shown in Russian: no Kazakh text"),
    ("en", "kk"): _lazy("Shown in English: no Kazakh text"),
    ("kk", "ru"): _lazy("Shown in Kazakh: no Russian text"),
    ("en", "ru"): _lazy("Shown in English: no Russian text"),
    ("kk", "en"): _lazy("Shown in Kazakh: no English text"),
    ("ru", "en"): _lazy("Shown in Russian: no English text"),
}
# The short note of a result row.
LANGUAGE_NOTES = {"kk": _lazy("in Kazakh"), "ru": _lazy("in Russian"), "en": _lazy("in English")}


def narrative(narratives: dict | None) -> dict:
    """A narrative in the reader's language, or the fallback with the note the page shows beside it."""
    text, lang = pick(narratives)
    wanted = current_language()
    note = ""
    if text and lang != wanted:
        if (lang, wanted) in FALLBACK_NOTES:
            note = str(FALLBACK_NOTES[lang, wanted])
        elif lang:
            note = _("Shown in another language (%(language)s): there is no text in the language of this page.") % {
                "language": language_name(lang)
            }
        else:
            note = _("Shown as published: there is no text in the language of this page.")
    return {"text": text, "lang": lang, "note": note}


def staff_links(user) -> dict:
    return {
        "can_edit": perms.can_edit_projects.test(user),
        "can_import": perms.can_import_projects.test(user),
        "can_view_history": perms.can_view_project_history.test(user),
    }
