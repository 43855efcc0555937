"""Numbers and times as people in Kazakhstan write them."""


def test_money_and_offsets_read_as_people_write_them():
    from decimal import Decimal

    from ecodialogue.core.templatetags.ecodialogue import money, utc_offset

    assert money(Decimal("60000"), "EUR") == "60\u00a0000\u00a0EUR"
    assert money(Decimal("1234567.5")) == "1\u00a0234\u00a0567,50"
    assert utc_offset("+0500") == "+5" and utc_offset("+0530") == "+5:30" and utc_offset("-0100") == "-1"


def test_an_overspent_amount_keeps_its_sign_beside_the_number():
    from decimal import Decimal

    from ecodialogue.core.templatetags.ecodialogue import money

    assert money(Decimal("-150"), "EUR") == "-150\u00a0EUR"
    assert money(Decimal("-1234.5")) == "-1\u00a0234,50"
