from ecodialogue.core.collation import collation_key


def test_kazakh_letters_sort_after_their_russian_neighbours_not_after_ya():
    names = ["Яблоко", "Әділет", "Ақбота", "Азамат", "Қарағанды", "Кеңес", "Іле", "Ырыс", "Үміт", "Ұлан", "Уақыт"]
    assert sorted(names, key=collation_key) == [
        "Азамат", "Ақбота", "Әділет", "Кеңес", "Қарағанды", "Уақыт", "Ұлан", "Үміт", "Ырыс", "Іле", "Яблоко",
    ]  # fmt: skip


def test_quotes_and_case_are_ignored():
    assert collation_key("«Ақбота» қоғамдық бірлестігі") < collation_key("Алатау")
    assert collation_key("ЖАСЫЛ") == collation_key("жасыл")


def test_latin_after_cyrillic_and_digits_first():
    assert sorted(["Health", "Ангел", "5 элемент"], key=collation_key) == ["5 элемент", "Ангел", "Health"]
