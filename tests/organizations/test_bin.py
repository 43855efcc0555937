"""The BIN rule: 12 digits with a mod-11 check digit (reference-data.md)."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ecodialogue.organizations.bin import bin_check_digit, bin_findings, is_valid_bin, make_bin


def reference_check_digit(digits: str) -> int | None:
    """An independent re-implementation, written from the published rule, for the property tests."""
    total = 0
    for position in range(11):
        total += int(digits[position]) * (position + 1)
    remainder = total % 11
    if remainder != 10:
        return remainder
    total = 0
    for position in range(11):
        weight = position + 3
        if weight > 11:
            weight -= 11
        total += int(digits[position]) * weight
    remainder = total % 11
    return None if remainder == 10 else remainder


@pytest.mark.parametrize("value", ["940140000385", "971240001315", "980640000093", "030740001404", "250140000409"])
def test_real_bins_are_valid(value):
    assert bin_findings(value) == []
    assert is_valid_bin(value)


def test_second_pass_is_used_when_the_first_gives_ten():
    assert bin_check_digit("25014000040") == 9


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("940140000386", "bin.checksum"),
        ("250140000460", "bin.no_check_digit"),
        ("94014000038", "bin.length"),
        ("9401400003850", "bin.length"),
        ("94014000038A", "bin.digits"),
        ("", "bin.digits"),
        ("９４０１４０００００３８５", "bin.digits"),  # full-width digits are not ASCII digits
    ],
)
def test_bad_bins_are_refused_with_a_stable_code(value, code):
    findings = bin_findings(value)
    assert [f.code for f in findings] == [code]
    assert findings[0].is_error


def test_spaces_between_digit_groups_are_ignored():
    assert is_valid_bin("9401 4000 0385")


def test_structural_oddity_is_only_a_warning():
    odd = make_bin("94130000038")  # month 13, type digit 0
    findings = bin_findings(odd)
    assert [f.code for f in findings] == ["bin.structure"]
    assert not findings[0].is_error
    assert is_valid_bin(odd)


def test_messages_speak_the_users_language():
    with translation.override("kk"):
        kk = bin_findings("940140000386")[0].text
    with translation.override("ru"):
        ru = bin_findings("940140000386")[0].text
    with translation.override("en"):
        en = bin_findings("940140000386")[0].text
    assert en == "The BIN is mistyped: its last (check) digit does not match."
    assert kk != en and ru != en and kk != ru


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_check_digit_matches_the_independent_implementation(first_eleven):
    assert bin_check_digit(first_eleven) == reference_check_digit(first_eleven)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_validity_matches_the_independent_implementation(value):
    expected = reference_check_digit(value[:11])
    assert is_valid_bin(value) == (expected is not None and expected == int(value[11]))


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(min_value=1, max_value=9))
def test_a_mistyped_check_digit_is_always_caught(first_eleven, shift):
    valid = make_bin(first_eleven)
    if valid is None:
        assert bin_findings(first_eleven + "0")[0].code == "bin.no_check_digit"
        return
    mistyped = valid[:11] + str((int(valid[11]) + shift) % 10)
    assert [f.code for f in bin_findings(mistyped)] == ["bin.checksum"]
