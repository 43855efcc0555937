"""The Kazakh business identification number (BIN / БСН / БИН).

12 digits; the 12th is a check digit computed from the first 11 with weights
1..11 modulo 11, or, when that gives 10, with weights 3..11,1,2; when both give
10 no check digit exists and the number is invalid (reference-data.md).
"""

from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_check_digit(first_eleven: str) -> int | None:
    """Return the check digit for 11 digits, or None when no check digit exists."""
    digits = [int(c) for c in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS, strict=True)) % 11
        if remainder == 10:
            return None
    return remainder


def normalize_bin(value: str) -> str:
    """Drop the spaces people type between digit groups."""
    return "".join(str(value or "").split())


def bin_findings(value: str) -> list[Finding]:
    """Check a BIN; errors make it unusable, warnings flag structural oddities of old records."""
    value = normalize_bin(value)
    if not value.isdigit() or not value.isascii():
        return [Finding("bin.digits", Severity.ERROR, _("A BIN consists of digits only."))]
    if len(value) != 12:
        return [
            Finding(
                "bin.length",
                Severity.ERROR,
                _("A BIN has exactly 12 digits; this one has %(count)d."),
                {"count": len(value)},
            )
        ]
    check = bin_check_digit(value[:11])
    if check is None:
        return [
            Finding(
                "bin.no_check_digit", Severity.ERROR, _("This number cannot be a BIN: its check digit does not exist.")
            )
        ]
    if check != int(value[11]):
        return [
            Finding("bin.checksum", Severity.ERROR, _("The BIN is mistyped: its last (check) digit does not match."))
        ]
    findings = []
    month = int(value[2:4])
    if not 1 <= month <= 12 or value[4] not in "456" or value[5] not in "0123":
        findings.append(
            Finding(
                "bin.structure",
                Severity.WARNING,
                _("The BIN's checksum is right, but its structure is unusual for a legal entity; please check it."),
            )
        )
    return findings


def is_valid_bin(value: str) -> bool:
    return not any(f.is_error for f in bin_findings(value))


def make_bin(first_eleven: str) -> str | None:
    """Complete 11 digits into a valid BIN (used by the demo data), or None."""
    check = bin_check_digit(first_eleven)
    return None if check is None else first_eleven + str(check)
