"""The export of a search as a download: IATI 2.03 XML, CSV or XLSX, for the search page and the API.

Every matching project is exported, up to `PROJECTDB_EXPORT_MAX` (20,000):
a larger download would outlast the web server's timeout and tie a worker
for minutes, so it is refused with the reason (narrow the search; the
command line `export_iati` has no limit). XML and CSV are streamed as they
are written (one activity or row at a time, from a chunked query), so
neither the server's memory nor the time to the first byte grows with the
export. XLSX cannot be streamed (a workbook is a zip written at the end), so
it is built in a temporary file on disk and sent from there.
"""

import tempfile

from django.conf import settings
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from ecodialogue.core.errors import Invalid
from ecodialogue.core.tables import CONTENT_TYPES

from . import iati_export, selectors, tables

FORMATS = ("xml", "csv", "xlsx")
XML_CONTENT_TYPE = "application/xml; charset=utf-8"


def export_filename(fmt: str, today=None) -> str:
    """projects-2026-12-02.xml: the day of the export, so successive downloads do not overwrite each other."""
    return f"projects-{(today or timezone.localdate()).isoformat()}.{fmt}"


def too_large_message(count: int) -> str:
    """Why a download of `count` projects is refused, in the reader's language."""
    return ngettext(
        "This search has %(count)s project; a download holds at most %(max)s. Narrow the search (a country, "
        "a sector, a funder or years) and download it in parts.",
        "This search has %(count)s projects; a download holds at most %(max)s. Narrow the search (a country, "
        "a sector, a funder or years) and download it in parts.",
        count,
    ) % {"count": _grouped(count), "max": _grouped(settings.PROJECTDB_EXPORT_MAX)}


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")  # 20 000: thousands apart, as kk and ru write them


def check_export_size(count: int) -> None:
    """Refuse a download of more projects than PROJECTDB_EXPORT_MAX, saying why."""
    if count > settings.PROJECTDB_EXPORT_MAX:
        raise Invalid(
            "export.too_large",
            too_large_message(count),
            details={"count": count, "max": settings.PROJECTDB_EXPORT_MAX},
        )


def export_response(filters, fmt: str):
    """The projects matching `filters` (selectors.Filters) as a download in `fmt` ("xml", "csv" or "xlsx")."""
    if fmt not in FORMATS:
        raise Http404
    check_export_size(selectors.matching_count(filters))
    projects = selectors.projects_for_export(filters)
    filename = export_filename(fmt)
    if fmt == "xlsx":
        # On disk, not in memory; FileResponse closes it when sent, which deletes it.
        spool = tempfile.TemporaryFile()  # noqa: SIM115
        tables.write_xlsx(projects, spool)
        spool.seek(0)
        return FileResponse(spool, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"])
    if fmt == "xml":
        response = StreamingHttpResponse(iati_export.iter_activities(projects), content_type=XML_CONTENT_TYPE)
    else:
        response = StreamingHttpResponse(tables.iter_csv(projects), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
