"""Checks of uploaded files by their content, never by their name."""

import io
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


def _head(upload: UploadedFile, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_size(upload: UploadedFile, max_bytes: int) -> None:
    if upload.size and upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="file_too_large",
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="file_empty")


def check_pdf(upload: UploadedFile, *, max_bytes: int | None = None) -> None:
    """Refuse anything that is not a readable PDF, whatever its name says."""
    check_size(upload, max_bytes or settings.MAX_UPLOAD_BYTES)
    if not _head(upload, 1024).lstrip().startswith(PDF_MAGIC):
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        upload.seek(0)
        reader = PdfReader(io.BytesIO(upload.read()))
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF document has no pages."), code="pdf_empty")
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("The PDF document is damaged and cannot be read."), code="pdf_damaged") from exc
    finally:
        upload.seek(0)


def check_image(upload: UploadedFile, *, max_bytes: int | None = None) -> None:
    """Accept PNG and JPEG images only, verified by decoding them."""
    check_size(upload, max_bytes or settings.MAX_LOGO_BYTES)
    head = _head(upload)
    if not (head.startswith(PNG_MAGIC) or head.startswith(JPEG_MAGIC)):
        raise ValidationError(_("The image must be a PNG or JPEG file."), code="not_image")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The image is damaged and cannot be read."), code="image_damaged") from exc
    finally:
        upload.seek(0)


def random_name(prefix: str, filename: str) -> str:
    """Store uploads under random names: a name must never reveal or collide with another."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"{prefix}/{secrets.token_hex(16)}{suffix}"


ZIP_MAGIC = b"PK\x03\x04"
# Office Open XML: a ZIP whose main part names the kind of document.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def detect_file_type(upload: UploadedFile) -> str | None:
    """What the content is (pdf, docx, xlsx, png, jpeg), read from its bytes; None if none of these."""
    head = _head(upload, 1024)
    if head.lstrip().startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpeg"
    if head.startswith(ZIP_MAGIC):
        import zipfile

        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for kind, part in OOXML_PARTS.items():
                if part in names:
                    return kind
    return None


FILE_TYPE_NAMES = {"pdf": "PDF", "docx": "DOCX (Word)", "xlsx": "XLSX (Excel)", "png": "PNG", "jpeg": "JPEG"}


def check_document(upload: UploadedFile, *, allowed: list[str] | tuple[str, ...], max_bytes: int) -> str:
    """Check an upload against the kinds a slot allows, by content; return the kind found.

    A PDF is also opened and an image decoded, so a damaged file is refused
    here with a clear message rather than later by whoever opens it.
    """
    check_size(upload, max_bytes)
    kind = detect_file_type(upload)
    allowed_names = ", ".join(FILE_TYPE_NAMES.get(a, a.upper()) for a in allowed)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("This file is not of an accepted kind. Accepted: %(kinds)s.") % {"kinds": allowed_names},
            code="file_type",
        )
    if kind == "pdf":
        check_pdf(upload, max_bytes=max_bytes)
    elif kind in ("png", "jpeg"):
        check_image(upload, max_bytes=max_bytes)
    return kind


def sha256_of(upload) -> str:
    import hashlib

    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
