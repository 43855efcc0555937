"""PDF documents rendered from HTML templates with WeasyPrint, in a given language.

Fonts: DejaVu (installed with the system package fonts-dejavu-core) has every
Kazakh letter (ә ғ қ ң ө ұ ү һ і); the stylesheet asks for it first.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def _local_only(url: str, timeout: int = 10, ssl_context=None):
    """Fetch only files of the project's static folder: a PDF never reaches the network."""
    from weasyprint.urls import default_url_fetcher

    static = (settings.BASE_DIR / "static").resolve().as_uri()
    if not url.startswith(static + "/"):
        raise ValueError(f"refused to fetch {url}")
    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    # base_url lets the stylesheet refer to files under static/; nothing is fetched from the network.
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_local_only).write_pdf()
