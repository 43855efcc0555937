"""The EU visibility check: every output of a pilot project must state the EU's financial support.

Real files, made here: PDFs rendered by WeasyPrint with DejaVu fonts (as the
platform renders its own), DOCX files built as Word lays them out. Pure
functions: no database.
"""

import base64
import io
import time
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from ecodialogue.implementation import visibility
from ecodialogue.implementation.visibility import (
    VisibilityResult,
    check_material,
    extract_text,
    normalize,
    statement_found,
)

KK = "Бұл материал Еуропалық Одақтың қаржылық қолдауымен дайындалды"
RU = "Данный материал подготовлен при финансовой поддержке Европейского союза"
EN = "This material was produced with the financial support of the European Union"
PHRASES = [KK, RU, EN]
# The call may configure the shorter phrases instead.
SHORT = ["Еуропалық Одақтың қаржылық қолдауымен", "при финансовой поддержке Европейского союза"]

REPORT_KK = "Жоба аясында Ақмола облысының ауылдарында су сапасына мониторинг жүргізілді."
REPORT_RU = "В рамках проекта проведён мониторинг качества питьевой воды в сёлах Акмолинской области."


def pdf_of(body: str, *, lang: str = "ru") -> bytes:
    """Render a one-document PDF from an HTML body, in DejaVu Sans like the platform's PDFs."""
    html = (
        f'<html lang="{lang}"><head><style>body {{ font-family: "DejaVu Sans"; font-size: 11pt }}</style></head>'
        f"<body>{body}</body></html>"
    )
    return HTML(string=html).write_pdf()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(run(r) if not r.startswith('<') else r for r in runs)}</w:p>"


def docx_of(*paragraphs: str, footer: str = "", document_xml: str = "") -> bytes:
    """Build a minimal valid DOCX: the body's paragraphs and, if given, a footer."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footer1.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
        "</Types>"
    )
    package_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="word/document.xml"'
        ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    )
    section = '<w:sectPr><w:footerReference w:type="default" r:id="rId1"/></w:sectPr>' if footer else ""
    document_xml = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
        f"<w:body>{''.join(paragraphs)}{section}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document_xml)
        if footer:
            archive.writestr(
                "word/_rels/document.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Target="footer1.xml"'
                ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"/>'
                "</Relationships>",
            )
            archive.writestr(
                "word/footer1.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W}">{footer}</w:ftr>',
            )
    return buffer.getvalue()


def image_of(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, kind.upper())
    return buffer.getvalue()


# --- A statement in each language is found ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "statement"), [("kk", KK), ("ru", RU), ("en", EN)])
def test_a_leaflet_stating_the_support_in_any_of_the_three_languages_is_found(lang, statement):
    pdf = pdf_of(f"<h1>Таза су</h1><p>{REPORT_KK}</p><p>{REPORT_RU}</p><p><small>{statement}</small></p>", lang=lang)

    result = check_material(pdf, "pdf", PHRASES)

    assert result == VisibilityResult(status="found", phrase=statement, pages=1, characters=result.characters)
    assert result.characters > 100


@pytest.mark.parametrize("statement", [KK, RU, EN])
def test_a_word_document_stating_the_support_is_found(statement):
    docx = docx_of(paragraph(REPORT_RU), paragraph(statement))

    assert check_material(docx, "docx", PHRASES) == VisibilityResult(
        status="found", phrase=statement, pages=None, characters=len(normalize(f"{REPORT_RU} {statement}"))
    )


def test_kazakh_letters_survive_the_pdf_text_layer():
    text = extract_text(pdf_of(f"<p>{KK}</p><p>ӘҒҚҢӨҰҮҺІ әғқңөұүһі</p>", lang="kk"), "pdf")

    assert KK in text
    assert "ӘҒҚҢӨҰҮҺІ әғқңөұүһі" in text


def test_the_shorter_phrases_of_a_call_are_found_inside_the_full_statement():
    pdf = pdf_of(f"<p>{KK}</p>", lang="kk")

    assert check_material(pdf, "pdf", SHORT).phrase == "Еуропалық Одақтың қаржылық қолдауымен"


def test_the_first_configured_phrase_that_matches_is_reported_as_configured():
    text = f"{EN}. {RU}."

    assert statement_found(text, ["  При финансовой поддержке Европейского союза ", EN]) == (
        "  При финансовой поддержке Европейского союза "
    )


# --- No statement: missing -------------------------------------------------------------------------


def test_a_report_without_the_statement_is_missing():
    pdf = pdf_of(f"<p>{REPORT_KK}</p><p>{REPORT_RU}</p>")

    assert check_material(pdf, "pdf", PHRASES) == VisibilityResult(
        status="missing", pages=1, characters=len(normalize(f"{REPORT_KK} {REPORT_RU}"))
    )
    assert check_material(docx_of(paragraph(REPORT_RU)), "docx", PHRASES).status == "missing"


def test_mentioning_the_eu_is_not_stating_its_financial_support():
    docx = docx_of(paragraph("Европейский союз и Казахстан: диалог по вопросам окружающей среды."))

    assert check_material(docx, "docx", PHRASES).status == "missing"


def test_text_deleted_with_tracked_changes_does_not_count():
    deleted = f'<w:del w:id="1" w:author="NGO"><w:r><w:delText>{RU}</w:delText></w:r></w:del>'
    docx = docx_of(paragraph(REPORT_RU), paragraph(deleted))

    assert check_material(docx, "docx", PHRASES).status == "missing"


# --- Line breaks, case, spaces and hyphenation do not hide it --------------------------------------


def test_the_faster_reading_of_a_pdf_gives_the_same_text_as_pypdf():
    # The check rewrites WeasyPrint's glyph-by-glyph strings before pypdf reads them (see _join_glyph_strings).
    pdf = pdf_of(f'<p style="text-align: justify; width: 9cm">{REPORT_KK} {REPORT_RU} (скобки) \\ {EN}</p>')

    assert extract_text(pdf, "pdf") == "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_statement_wrapped_in_a_narrow_box_is_found():
    pdf = pdf_of(f'<p style="width: 3cm">{KK}</p>', lang="kk")
    assert "\n" in extract_text(pdf, "pdf")  # the box did wrap the words

    assert check_material(pdf, "pdf", PHRASES).phrase == KK


def test_a_statement_broken_by_an_explicit_line_break_is_found():
    pdf = pdf_of("<p>Данный материал подготовлен<br>при финансовой поддержке<br>Европейского союза</p>")

    assert check_material(pdf, "pdf", PHRASES).phrase == RU


def test_a_statement_split_across_two_paragraphs_or_a_line_break_in_word_is_found():
    two_paragraphs = docx_of(
        paragraph("Данный материал подготовлен при финансовой"), paragraph("поддержке Европейского союза")
    )
    line_break = docx_of(
        paragraph("Данный материал подготовлен", "<w:r><w:br/></w:r>", "при финансовой поддержке Европейского союза")
    )

    assert check_material(two_paragraphs, "docx", PHRASES).phrase == RU
    assert check_material(line_break, "docx", PHRASES).phrase == RU


def test_a_statement_in_the_footer_of_a_word_document_is_found():
    docx = docx_of(paragraph(REPORT_KK), footer=paragraph(KK))

    assert check_material(docx, "docx", PHRASES).phrase == KK


def test_capitals_and_extra_spaces_do_not_hide_the_statement():
    pdf = pdf_of(
        '<p style="white-space: pre">ДАННЫЙ   МАТЕРИАЛ  ПОДГОТОВЛЕН ПРИ ФИНАНСОВОЙ ПОДДЕРЖКЕ ЕВРОПЕЙСКОГО СОЮЗА</p>'
    )
    docx = docx_of(paragraph("THIS  MATERIAL   was produced\twith the Financial Support of the  EUROPEAN UNION"))

    assert check_material(pdf, "pdf", PHRASES).phrase == RU
    assert check_material(docx, "docx", PHRASES).phrase == EN


def test_words_hyphenated_at_the_end_of_a_line_are_joined():
    automatic = pdf_of(f'<p style="width: 2.5cm; hyphens: auto">{RU}</p>')
    assert "\u2010\n" in extract_text(automatic, "pdf")  # WeasyPrint did hyphenate
    by_hand = pdf_of("<p>Данный материал подготовлен при финан-<br>совой поддержке Европейского союза</p>")
    soft_hyphen = docx_of(
        paragraph(
            "Данный материал подготовлен при финан", "<w:r><w:softHyphen/></w:r>", "совой поддержке Европейского союза"
        )
    )

    assert check_material(automatic, "pdf", PHRASES).phrase == RU
    assert check_material(by_hand, "pdf", PHRASES).phrase == RU
    assert check_material(soft_hyphen, "docx", PHRASES).phrase == RU


def test_a_statement_spread_over_many_runs_as_word_saves_it_is_found():
    runs = "".join(
        run(piece) for piece in ["Бұл материал Еуро", "палық Одақтың қар", "жылық ", "қолдауымен дайындалды"]
    )
    docx = docx_of(f"<w:p>{runs}</w:p>")

    assert check_material(docx, "docx", PHRASES).phrase == KK


def test_latin_letters_typed_for_cyrillic_ones_do_not_hide_the_statement():
    # "Е", "О", "а", "о", "е" typed on the Latin layout; the page looks the same.
    mixed = "Бұл материал Eуропалық Oдақтың қаржылық қoлдауымeн дайындалды"

    assert statement_found(mixed, PHRASES) == KK


# --- normalize -------------------------------------------------------------------------------------


def test_normalize_keeps_the_words_and_drops_the_typography():
    assert normalize("Данный\u00a0 материал\n\nпри финан-\nсовой «поддержке» — ЕС") == (
        'данный материал при финансовой "поддержке" - ес'
    )
    assert normalize("фи\u00adнан\u200bсовой \ufb01nancial") == "финансовой financial"


def test_normalize_keeps_kazakh_letters():
    assert normalize("ӘҒҚҢӨҰҮҺІ") == "әғқңөұүһі"
    assert normalize("Еуропалық Одақтың қаржылық қолдауымен") == "еуропалық одақтың қаржылық қолдауымен"


# --- Images and other kinds: a person looks --------------------------------------------------------


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_a_poster_image_is_left_to_a_person(kind):
    assert check_material(image_of(kind), kind, PHRASES) == VisibilityResult(status="manual")


def test_a_spreadsheet_is_left_to_a_person():
    assert check_material(b"PK\x03\x04", "xlsx", PHRASES).status == "manual"


def test_without_a_usable_phrase_nothing_can_be_missing():
    pdf = pdf_of(f"<p>{RU}</p>")

    assert check_material(pdf, "pdf", ["", "   "]).status == "manual"
    assert statement_found(RU, ["", " "]) == ""


# --- Unreadable: a person looks --------------------------------------------------------------------


def test_a_blank_pdf_is_unreadable_not_missing():
    # Zero characters cannot prove the statement absent: a person has to look.
    assert check_material(pdf_of(""), "pdf", PHRASES) == VisibilityResult(status="unreadable", pages=1)


def test_a_scan_without_a_text_layer_is_unreadable():
    png = base64.b64encode(image_of("png")).decode()
    scan = pdf_of(f'<img src="data:image/png;base64,{png}" style="width: 18cm"><p style="text-align: right">3</p>')

    result = check_material(scan, "pdf", PHRASES)

    assert result.status == "unreadable"  # a page number is no text to search
    assert result.pages == 1


def test_a_pdf_locked_with_a_password_is_unreadable():
    writer = PdfWriter(clone_from=io.BytesIO(pdf_of(f"<p>{RU}</p>")))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    locked = io.BytesIO()
    writer.write(locked)

    assert check_material(locked.getvalue(), "pdf", PHRASES).status == "unreadable"


def test_a_pdf_that_only_restricts_editing_is_read():
    writer = PdfWriter(clone_from=io.BytesIO(pdf_of(f"<p>{RU}</p>")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    restricted = io.BytesIO()
    writer.write(restricted)
    assert PdfReader(io.BytesIO(restricted.getvalue())).is_encrypted

    assert check_material(restricted.getvalue(), "pdf", PHRASES).phrase == RU


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\nnot really a PDF", "pdf"),
        (pdf_of(f"<p>{RU}</p>")[:300], "pdf"),
        (b"PK\x03\x04 not really a zip", "docx"),
        (image_of("png"), "docx"),
    ],
    ids=["garbage-pdf", "truncated-pdf", "garbage-docx", "png-named-docx"],
)
def test_a_damaged_file_is_unreadable(data, kind):
    assert check_material(data, kind, PHRASES) == VisibilityResult(status="unreadable")


def test_a_zip_without_a_word_document_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")

    assert check_material(buffer.getvalue(), "docx", PHRASES).status == "unreadable"


def test_malformed_xml_in_a_word_document_is_unreadable():
    docx = docx_of(document_xml=f'<w:document xmlns:w="{W}"><w:body><w:p>{RU}</w:body>')

    assert check_material(docx, "docx", PHRASES).status == "unreadable"


# The classic: ten entities of ten entities… nine levels deep, a billion "lol"s once expanded.
ENTITIES = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(ENTITIES)}]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def test_a_word_document_declaring_entities_is_refused_at_once():
    assert "<!ENTITY lol9" in BILLION_LAUGHS
    started = time.perf_counter()

    result = check_material(docx_of(document_xml=BILLION_LAUGHS), "docx", PHRASES)

    assert result.status == "unreadable"
    assert time.perf_counter() - started < 1


def test_a_doctype_is_refused_whatever_the_encoding():
    # A byte search for "<!DOCTYPE" would miss it in UTF-16; the parser does not.
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY ru "при финансовой поддержке">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&ru; Европейского союза</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml.encode("utf-16"))

    assert check_material(buffer.getvalue(), "docx", PHRASES).status == "unreadable"


def test_a_word_document_that_inflates_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(visibility, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    padding = paragraph(" " * (2 * 1024 * 1024))
    bomb = docx_of(padding, paragraph(RU))
    assert len(bomb) < 20_000  # small on the wire, 2 MB inflated

    assert check_material(bomb, "docx", PHRASES).status == "unreadable"
    assert check_material(docx_of(paragraph(RU)), "docx", PHRASES).status == "found"


def test_extracting_text_from_an_image_is_a_mistake_of_the_caller():
    with pytest.raises(ValueError, match="png"):
        extract_text(image_of("png"), "png")
