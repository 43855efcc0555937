"""The EU visibility check: does a material produced by a pilot project state the EU's financial support?

Pure functions over bytes and phrases, no database: the grant report calls
`check_material` for every uploaded output with the call's funding-statement
phrases (in kk, ru and en) and keeps the status. Only PDF and DOCX carry text
we can read; an image, or any other kind, is left to a person ("manual").

How lenient the comparison is, and why:

- `normalize` takes away what typography changes without changing words: case,
  compatibility forms (ligatures, full-width letters), soft hyphens and
  zero-width characters, words hyphenated at a line's end, runs of spaces and
  line breaks, the many kinds of quotes and dashes. Kazakh letters
  (ә ғ қ ң ө ұ ү һ і) are ordinary Cyrillic letters and survive unchanged.
- `statement_found` then compares only the letters and digits of both sides,
  because PDF extraction guesses word spaces from the glyphs' positions and
  now and then drops or adds one. It also reads a Latin letter that looks
  like a Cyrillic one (Latin "i" typed for Kazakh "і", "a" for "а") as that
  Cyrillic letter, on both sides: a mixed-up keyboard layout is common in
  Kazakh texts and invisible on the page. A Kazakh letter replaced by its
  Russian neighbour (ұ typed as у, қ as к) is not folded: that is a
  misspelt statement, and the person who reads the report decides whether
  it still counts.

Phrases are searched as substrings, so they should be several words long: a
two-letter phrase such as "ЕО" would match inside other words.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.parsers import expat

# The kinds whose text we read; an image (jpeg, png) or any other kind is for a person.
TEXT_TYPES = frozenset({"pdf", "docx"})

# The XML parts of a DOCX we read may add up to this much once inflated, so a
# small ZIP that inflates to gigabytes (a zip bomb) is refused unread.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class VisibilityResult:
    # "found", "missing", "manual" (an image or another kind: a person must
    # look) or "unreadable" (no text could be extracted: a scan without a
    # text layer, an encrypted or a damaged file; a person must look too).
    status: str
    # The configured phrase that matched, exactly as configured.
    phrase: str = ""
    # Pages of a PDF; None for DOCX, whose pages exist only once Word lays it out.
    pages: int | None = None
    # Characters of the normalized text that was searched.
    characters: int = 0


class TextUnavailable(Exception):
    """The file's text could not be extracted: encrypted, damaged, or refused as unsafe."""


def check_material(data: bytes, file_type: str, phrases: list[str]) -> VisibilityResult:
    """Tell whether a material states the EU's support, or why a person must look at it.

    A PDF or DOCX with no letters at all (a scan, a blank page) is
    "unreadable", not "missing": the statement may well be in the picture.
    With no usable phrase configured nothing can be found, so the answer is
    "manual" rather than a "missing" that would blame the NGO.
    """
    kind = file_type.lower()
    if kind not in TEXT_TYPES:
        return VisibilityResult(status="manual")
    try:
        text, pages = _extract(data, kind)
    except TextUnavailable:
        return VisibilityResult(status="unreadable")
    normalized = normalize(text)
    searched = _comparable(normalized)
    result = {"pages": pages, "characters": len(normalized)}
    if not any(character.isalpha() for character in searched):
        return VisibilityResult(status="unreadable", **result)
    keys = _phrase_keys(phrases)
    if not keys:
        return VisibilityResult(status="manual", **result)
    phrase = _first_match(searched, keys)
    return VisibilityResult(status="found" if phrase else "missing", phrase=phrase, **result)


def statement_found(text: str, phrases: list[str]) -> str:
    """Return the first configured phrase the text contains, or "" if none does."""
    return _first_match(_comparable(normalize(text)), _phrase_keys(phrases))


def extract_text(data: bytes, file_type: str) -> str:
    """Return the text of a PDF or DOCX; raise TextUnavailable if it cannot be read."""
    return _extract(data, file_type.lower())[0]


def _extract(data: bytes, kind: str) -> tuple[str, int | None]:
    if kind == "pdf":
        return _pdf_text(data)
    if kind == "docx":
        return _docx_text(data), None
    raise ValueError(f"no text can be extracted from {kind!r} files")


# --- Comparison ----------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# A hyphen (or a soft hyphen) between letters at a line's end is hyphenation:
# "финан-\nсовой" is one word. A compound split exactly there loses its hyphen.
_HYPHENATED = re.compile(r"(?<=\w)[-\u00ad][^\S\n]*\n\s*(?=\w)")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"))
_QUOTES_AND_DASHES = str.maketrans(
    {
        **dict.fromkeys("«»„“”‟〝〞", '"'),
        **dict.fromkeys("‘’‚‛′‹›`", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212", "-"),
    }
)
_WHITESPACE = re.compile(r"\s+")
# Latin letters that look like Cyrillic ones, as they are after casefold; h
# and y could be either of two Cyrillic letters and go to the commoner one
# (н and у, from capitals typed on the wrong layout).
_LATIN_LOOKALIKES = str.maketrans("abcehikmoptxy", "авсенікмортху")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Reduce text to what a reader sees as its words, for comparing.

    Casefold and NFKC (ligatures, full-width forms, NBSP), drop soft hyphens
    and zero-width characters, join words hyphenated at a line break, unify
    quotes and dashes, and collapse all whitespace to single spaces. Letters
    keep their script: Latin lookalikes are only folded when comparing.
    """
    # NFKC both sides of casefold: casefold can undo a composition, and a
    # compatibility form (such as "Ⅻ") only casefolds once decomposed.
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _LINE_BREAKS.sub("\n", text).translate(_QUOTES_AND_DASHES)
    text = _HYPHENATED.sub("", text).translate(_INVISIBLE)
    return _WHITESPACE.sub(" ", text).strip()


def _comparable(normalized: str) -> str:
    return _NOT_LETTER_OR_DIGIT.sub("", normalized.translate(_LATIN_LOOKALIKES))


def _phrase_keys(phrases: list[str]) -> list[tuple[str, str]]:
    # A blank phrase would be found in every text.
    keys = [(phrase, _comparable(normalize(phrase))) for phrase in phrases]
    return [(phrase, key) for phrase, key in keys if key]


def _first_match(searched: str, keys: list[tuple[str, str]]) -> str:
    return next((phrase for phrase, key in keys if key in searched), "")


# --- PDF -----------------------------------------------------------------------------------------

# WeasyPrint, and some design tools, write each glyph of a line as its own hex
# string in a TJ array with a zero shift between them ([<03ab>0<03d3>0…] TJ),
# and in justified text an empty string before each space (…0<>-57.4<0003>…).
# pypdf reads hex strings one digit at a time in Python and handles every
# string on its own, so each run is rewritten as one literal string of the
# same bytes, and a zero shift followed by an empty string (which moves and
# shows nothing) is dropped: extraction is three to four times faster and
# gives the same text. Only even-length strings are joined (an odd one is
# padded with a zero), and a page with an inline image (ID … EI) is left
# alone, since its binary data could look like a run.
_GLYPH_RUN = re.compile(rb"<(?:[0-9A-Fa-f]{2})+>(?:\s*0\s*<(?:[0-9A-Fa-f]{2})+>)+")
_NOTHING_SHOWN = re.compile(rb"(?<=[)>])\s*0\s*<>")
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f]+)>")
_INLINE_IMAGE = re.compile(rb"\bID\s")
_LITERAL_SPECIAL = re.compile(rb"[()\\\r\n]")


def _as_literal(run: re.Match) -> bytes:
    glyphs = bytes.fromhex(b"".join(_HEX_STRING.findall(run.group())).decode("ascii"))
    return b"(" + _LITERAL_SPECIAL.sub(lambda special: b"\\%03o" % special.group()[0], glyphs) + b")"


def _join_glyph_strings(content: bytes) -> bytes:
    if _INLINE_IMAGE.search(content):
        return content
    return _NOTHING_SHOWN.sub(b"", _GLYPH_RUN.sub(_as_literal, content))


def _pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PasswordType, PdfReader
    from pypdf.generic import ContentStream, NameObject

    # pypdf raises many kinds of exception on a damaged file (its own, and
    # KeyError, TypeError, RecursionError…); any of them means the same here.
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted only to restrict printing or editing, with
        # an empty password for reading; those we read. Others need a person.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise TextUnavailable("the PDF is encrypted with a password")
        texts = []
        for page in reader.pages:
            contents = page.get_contents()
            if contents is not None:
                # "bytes", as pypdf does itself: the strings are glyph codes, not text.
                joined = ContentStream(None, reader, "bytes")
                joined.set_data(_join_glyph_strings(contents.get_data()))
                page[NameObject("/Contents")] = joined
            texts.append(page.extract_text())
        return "\n".join(texts), len(reader.pages)
    except TextUnavailable:
        raise
    except Exception as exc:
        raise TextUnavailable(f"the PDF cannot be read: {exc}") from exc


# --- DOCX ----------------------------------------------------------------------------------------

_WORD_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional, what Word writes
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict
    }
)
# Word and LibreOffice name the parts so; headers, footers and notes are where
# a funding statement often is. Comments and deleted text (w:delText) are not
# part of what a reader sees, and are not read.
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# What Word writes inside a paragraph besides its text (w:t); a paragraph's end is a line break too.
_INLINE = {"br": "\n", "cr": "\n", "tab": " ", "noBreakHyphen": "-", "softHyphen": "\u00ad"}


def _docx_text(data: bytes) -> str:
    # A damaged archive raises many kinds of exception (BadZipFile, zlib.error,
    # EOFError, RuntimeError for an encrypted entry, ExpatError…); any of them
    # means the same here.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [info for info in archive.infolist() if _DOCX_PARTS.fullmatch(info.filename)]
            if not any(info.filename == "word/document.xml" for info in parts):
                raise TextUnavailable("the DOCX has no word/document.xml")
            # zipfile never returns more than the size an entry declares, so the
            # declared sizes bound what we inflate. Word only stores or deflates;
            # other methods (bzip2, LZMA) could inflate a large block at once.
            if sum(info.file_size for info in parts) > MAX_UNCOMPRESSED_BYTES:
                raise TextUnavailable(f"the DOCX inflates past {MAX_UNCOMPRESSED_BYTES} bytes")
            if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in parts):
                raise TextUnavailable("the DOCX uses an unusual compression")
            # The body first, then headers, footers and notes.
            parts.sort(key=lambda info: info.filename != "word/document.xml")
            texts = []
            for info in parts:
                with archive.open(info) as part:
                    texts.append(_wordml_text(part))
            return "\n".join(texts)
    except TextUnavailable:
        raise
    except Exception as exc:
        raise TextUnavailable(f"the DOCX cannot be read: {exc}") from exc


def _refuse_declarations(*args) -> None:
    raise TextUnavailable("the DOCX declares a DOCTYPE or entities")


def _wordml_text(part: IO[bytes]) -> str:
    """Return the visible text of one WordprocessingML part, streamed through expat.

    expat is used directly, not ElementTree, so that a DOCTYPE is refused the
    moment it starts, whatever the part's encoding: no entity is ever
    declared, so none can be expanded ("billion laughs") or fetched from
    outside. OOXML never has a DOCTYPE.
    """
    texts: list[str] = []
    in_text = False

    def start(tag: str, attributes: dict) -> None:
        nonlocal in_text
        namespace, _, local = tag.rpartition(" ")
        if namespace in _WORD_NAMESPACES:
            if local == "t":
                in_text = True
            elif local in _INLINE:
                texts.append(_INLINE[local])

    def end(tag: str) -> None:
        nonlocal in_text
        namespace, _, local = tag.rpartition(" ")
        if namespace in _WORD_NAMESPACES:
            if local == "t":
                in_text = False
            elif local == "p":
                texts.append("\n")

    def characters(content: str) -> None:
        if in_text:
            texts.append(content)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.buffer_text = True
    while chunk := part.read(1024 * 1024):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return "".join(texts)
