"""The import template's example row."""

from ..records import empty_record

# The template's example row: a waste-sorting pilot of the kind seed 002 describes (a fictitious BIN).
EXAMPLE = {
    **empty_record("KZ-BIN-123456789012-WASTE-01"),
    "default_language": "ru",
    "default_currency": "EUR",
    "status": "2",
    "title": {
        "kk": "Атбасардағы қалдықтарды сұрыптау",
        "ru": "Раздельный сбор отходов в Атбасаре",
        "en": "Waste sorting in Atbasar",
    },
    "descriptions": [
        {
            "type": "1",
            "text": {
                "kk": "Қалалық қалдықтарды бөлек жинау пункттері және тұрғындарға арналған оқыту.",
                "ru": "Пункты раздельного сбора городских отходов и обучение жителей.",
                "en": "Separate collection points for municipal waste and training for residents.",
            },
        }
    ],
    "participating_orgs": [
        {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"ru": "Европейский союз"}},
        {"role": "4", "ref": "KZ-BIN-123456789012", "type": "22", "name": {"ru": "ОФ «Эко Атбасар»"}},
    ],
    "dates": {"1": "2025-03-01", "2": "2025-03-10", "3": "2026-02-28"},
    "countries": [{"code": "KZ", "percentage": "100"}],
    "sectors": [
        {"code": "14050", "vocabulary": "1", "percentage": "70"},
        {"code": "41081", "vocabulary": "1", "percentage": "30"},
    ],
    "policy_markers": [
        {"code": "5", "vocabulary": "1", "significance": "0"},
        {"code": "6", "vocabulary": "1", "significance": "1"},
        {"code": "7", "vocabulary": "1", "significance": "0"},
        {"code": "8", "vocabulary": "1", "significance": "0"},
    ],
    "locations": [
        {
            "ref": "",
            "name": {"ru": "Атбасар"},
            "description": {},
            "lat": "51.8107",
            "lon": "68.3586",
            "admin_vocabulary": "",
            "admin_code": "",
        }
    ],
    "budgets": [
        {
            "type": "1",
            "status": "2",
            "period_start": "2025-03-01",
            "period_end": "2026-02-28",
            "value": "45000",
            "currency": "EUR",
            "value_date": "2025-03-01",
        }
    ],
    "transactions": [
        {
            "type": "2",
            "date": "2025-02-20",
            "value": "45000",
            "currency": "EUR",
            "value_date": "2025-02-20",
            "description": {},
            "provider": {"ref": "", "name": ""},
            "receiver": {"ref": "", "name": ""},
        }
    ],
    "documents": [
        {
            "url": "https://example.org/atbasar-waste",
            "format": "text/html",
            "title": {"ru": "Страница проекта"},
            "categories": ["A12"],
            "languages": ["ru", "kk"],
        }
    ],
}
