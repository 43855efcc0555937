"""similar_projects: the existing projects most like a pilot's text, and those funded by the EU."""

import pytest

from ecodialogue.projectdb.similar import significant_words, similar_projects

from .conftest import make_record

SDC = {"role": "1", "ref": "CH-4", "type": "10", "name": {"en": "Swiss Agency for Development and Cooperation"}}


@pytest.fixture
def projects(save):
    """WECOOP (EU: waste, air quality, climate), an SDC waste project, an SDC glacier project."""
    return save(
        make_record(),
        make_record(
            "CH-4-WASTE",
            title={"ru": "Раздельный сбор отходов в Бишкеке", "en": "Separate waste collection in Bishkek"},
            descriptions=[{"type": "1", "text": {"ru": "Сбор и переработка твёрдых бытовых отходов."}}],
            participating_orgs=[SDC],
        ),
        make_record(
            "CH-4-GLACIER",
            title={"en": "Glacier monitoring in the Pamirs"},
            descriptions=[{"type": "1", "text": {"en": "Mass balance of glaciers."}}],
            participating_orgs=[SDC],
        ),
    )


def test_significant_words_leave_out_stop_words_numbers_and_short_words():
    text = "Отходы: управление отходами и отходы в 2024 году, а также ауа және су"
    # most frequent first, then in the order of the text
    assert significant_words(text, "ru") == ["отходы", "управление", "отходами", "году", "также", "ауа"]


def test_the_most_similar_projects_come_first_with_a_score_and_the_words_matched(projects):
    found = similar_projects("Сбор отходов и переработка отходов в городе", "ru")
    assert found[0].project.identifier == "CH-4-WASTE"
    assert 0 < found[0].score <= 1
    assert "отходов" in found[0].matched
    assert "CH-4-GLACIER" not in [s.project.identifier for s in found]
    assert all(a.score >= b.score for a, b in zip(found, found[1:], strict=False))


def test_eu_funded_only_keeps_projects_an_eu_institution_funds(projects):
    found = similar_projects("Управление отходами и качество воздуха", "ru", eu_funded_only=True)
    assert [s.project.identifier for s in found] == ["XI-IATI-EC_INTPA-2016-379586"]


def test_kazakh_and_english_texts_find_their_projects(projects):
    assert similar_projects("Қалдықтарды басқару жобасы", "kk")[0].project.identifier == "XI-IATI-EC_INTPA-2016-379586"
    assert similar_projects("Monitoring glaciers of Tajikistan", "en")[0].project.identifier == "CH-4-GLACIER"


def test_the_limit_and_an_empty_text(projects):
    assert len(similar_projects("waste glaciers climate", "en", limit=2)) == 2
    assert similar_projects("и в на", "ru") == []


def test_a_project_sharing_one_word_of_a_long_text_is_not_called_similar(projects):
    # Eight significant words; the glacier project holds only "monitoring" (1/8, below MIN_SCORE).
    text = "Monitoring household composting, recycling depots, landfill closure, municipal tariffs and sorting bins"
    assert "CH-4-GLACIER" not in [s.project.identifier for s in similar_projects(text, "en")]
    assert similar_projects("Glacier monitoring", "en")[0].project.identifier == "CH-4-GLACIER"
