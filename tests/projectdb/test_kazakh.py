"""The light Kazakh stemmer, on real words of the seed documents (and the brief's own examples).

Every inflected form must share a stem with its base word, so a search for
one finds the others; different words must keep different stems.
"""

import pytest

from ecodialogue.projectdb.search.kazakh import stem, stems

# Base word → forms found in ../shared/seeds/*.txt (and, for су, ауа, орта, the forms every text uses).
FORMS = {
    "қалдық": ["қалдықтар", "қалдықтарды", "қалдықтардың", "қалдықтарын", "қалдықтарға", "қалдығы"],
    "су": ["суы", "судың", "суға", "суын", "сулар"],
    "ауа": ["ауаның", "ауаны", "ауасы", "ауада"],
    "орта": ["ортаны", "ортаның", "ортасы"],
    "жоба": ["жобалар", "жобаның", "жобаларды", "жобаны", "жобасы", "жобасын", "жобасының", "жобаларға", "жобалардың"],
    "аймақ": ["аймақтағы", "аймағы", "аймақтың"],
    "климат": ["климаттың", "климаты", "климатқа"],
    "қала": ["қалалар", "қалалары", "қалаларының"],
    "ел": ["елдер", "елдерге", "елдерде", "елдерінен", "елді"],
    "ұйым": ["ұйымдар", "ұйымдарға", "ұйымы"],
    "өтінім": ["өтінімге", "өтінімдер", "өтінімдерді", "өтінімдерін", "өтінімді", "өтінімнің"],
    "мақсат": ["мақсаты", "мақсаттар", "мақсатты", "мақсатында", "мақсаттарына"],
    "нәтиже": ["нәтижелер", "нәтижелерге", "нәтижелерді", "нәтижелердің"],
    "бағдарлама": ["бағдарламалары", "бағдарламаларын", "бағдарламаларынан", "бағдарламасының"],
    "қатысу": ["қатысудың", "қатысуын", "қатысуға"],
    "қатысушы": ["қатысушылар", "қатысушылардың", "қатысушылары", "қатысушыларына", "қатысушысы", "қатысушысынан"],
    "ақпарат": ["ақпаратты"],
    "құжат": ["құжаттар"],
    "серіктес": ["серіктестер", "серіктестерінің"],
    "шара": ["шаралар", "шараларының"],
    "мекен": ["мекендердегі", "мекендері", "мекендерде"],
    "сала": ["саласында", "саласындағы"],
    "өзгеру": ["өзгеруі", "өзгеруін", "өзгеруіне"],
    "донор": ["донорлар", "донорларды", "донорлармен"],
    "кеңсе": ["кеңсесі", "кеңсесімен"],
    "азия": ["азияда", "азиядағы", "азияның"],
    "аудан": ["ауданы", "ауданда", "аудандар"],
    "орталық": ["орталығы", "орталығымен", "орталықтары"],
}


@pytest.mark.parametrize(("base", "form"), [(base, form) for base, forms in FORMS.items() for form in forms])
def test_an_inflected_form_shares_the_stem_of_its_base_word(base, form):
    assert stem(base) in stems(form)


@pytest.mark.parametrize("word", ["жоба", "орта", "ауа", "қала", "астана", "су", "ел", "ұйым", "өтінім"])
def test_a_base_word_is_not_cut_into_a_shorter_root(word):
    assert stem(word) == word


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("қалдық", "қала"),  # waste, city
        ("орталық", "орта"),  # central, milieu
        ("аймақтық", "аймақ"),  # regional, region
        ("жобалық", "жоба"),
        ("су", "сусын"),  # water, drink
        ("ауа", "ауыл"),  # air, village
        ("қазақстан", "қазақ"),
    ],
)
def test_different_words_keep_different_stems(one, other):
    assert not set(stems(one)) & set(stems(other))


def test_place_names_in_stan_are_kept_whole():
    assert stem("қазақстан") == "қазақстан"
    assert stem("қазақстанда") == "қазақстан"
    assert stem("тәжікстанның") == "тәжікстан"


def test_vowel_harmony_keeps_a_back_suffix_off_a_front_stem():
    # "-дар" (back) after a front stem is no suffix: елдар is not ел + дар
    assert stem("елдар") != "ел"
    assert stem("елдер") == "ел"


def test_a_final_voiced_consonant_is_written_as_kazakh_devoices_it():
    assert stem("аймағы") == "аймақ"
    assert stem("кітабы") == stem("кітап")
    assert stem("жүрегі") == stem("жүрек")


def test_an_ambiguous_ending_keeps_both_readings():
    # жоба + ны, but аудан + ы: both stems are kept, the likelier first
    assert stems("жобаны")[0] == "жоба"
    assert "аудан" in stems("ауданы")
