"""The export of a search as a download: IATI 2.03 XML, CSV or XLSX, for the search page and the API.

Every matching project is exported, without a cap: XML and CSV are streamed
as they are written (one activity or row at a time, from a chunked query),
so neither the server's memory nor the time to the first byte grows with the
export. XLSX cannot be streamed (a workbook is a zip written at the end), so
it is built in a temporary file on disk and sent from there.
"""

import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone

from ecodialogue.core.tables import CONTENT_TYPES

from . import iati_export, selectors, tables

FORMATS = ("xml", "csv", "xlsx")
XML_CONTENT_TYPE = "application/xml; charset=utf-8"


def export_filename(fmt: str, today=None) -> str:
    """projects-2026-12-02.xml: the day of the export, so successive downloads do not overwrite each other."""
    return f"projects-{(today or timezone.localdate()).isoformat()}.{fmt}"


def export_response(filters, fmt: str):
    """The projects matching `filters` (selectors.Filters) as a download in `fmt` ("xml", "csv" or "xlsx")."""
    if fmt not in FORMATS:
        raise Http404
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
