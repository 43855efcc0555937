"""The search's downloads: streamed XML and CSV, an XLSX from a temporary file, named after the day."""

import io

import pytest
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from ecodialogue.projectdb import iati_export
from ecodialogue.projectdb.exports import export_response
from ecodialogue.projectdb.selectors import parse_filters

from .conftest import make_record


@pytest.fixture
def projects(save):
    kyrgyz = make_record("XM-KG-1", countries=[{"code": "KG", "percentage": "100"}], policy_markers=[])
    return save(make_record(), kyrgyz)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_xml_download_is_streamed_valid_and_named_after_the_day(projects):
    response = export_response(parse_filters({}), "xml")

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="projects-{today}.xml"'
    document = body(response)
    assert iati_export.validate(document) == []
    assert len(etree.fromstring(document).findall("iati-activity")) == 2


def test_the_download_follows_the_filters(projects):
    document = body(export_response(parse_filters({"country": ["KG"], "q": ""}), "xml"))

    root = etree.fromstring(document)
    # WECOOP 2 is in all five countries, the other only in Kyrgyzstan: both are Kyrgyz.
    assert len(root.findall("iati-activity")) == 2
    document = body(export_response(parse_filters({"country": "KG", "marker": "7"}), "xml"))
    assert etree.fromstring(document).xpath("iati-activity/iati-identifier/text()") == ["XI-IATI-EC_INTPA-2016-379586"]


def test_the_csv_download_is_streamed_with_a_byte_order_mark(projects):
    response = export_response(parse_filters({}), "csv")

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    lines = body(response).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("identifier,title_kk,title_ru,title_en,")
    assert len(lines) == 3


def test_the_xlsx_download_is_one_workbook_with_a_row_per_project(projects):
    response = export_response(parse_filters({}), "xlsx")

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(body(response)), read_only=True)
    rows = list(workbook.worksheets[0].values)
    assert rows[0][0] == "identifier"
    assert sorted(row[0] for row in rows[1:]) == ["XI-IATI-EC_INTPA-2016-379586", "XM-KG-1"]


def test_another_format_is_not_found(db):
    with pytest.raises(Http404):
        export_response(parse_filters({}), "json")
