"""Legal forms of non-commercial organisations and the initial list of themes.

Legal forms follow the Civil Code (art. 34) and the Law "On non-commercial
organisations" (names in kk/ru/en); staff maintain both lists in the admin
afterwards, so this runs once and never overwrites their edits.
"""

from django.db import migrations

LEGAL_FORMS = [
    # slug, kk, ru, en, abbr kk, abbr ru
    ("public_association", "Қоғамдық бірлестік", "Общественное объединение", "Public association", "ҚБ", "ОО"),
    ("public_fund", "Қоғамдық қор", "Общественный фонд", "Public fund", "ҚҚ", "ОФ"),
    ("private_institution", "Жеке меншік мекеме", "Частное учреждение", "Private institution", "ЖМ", "ЧУ"),
    ("state_institution", "Мемлекеттік мекеме", "Государственное учреждение", "State institution", "ММ", "ГУ"),
    (
        "association_of_legal_entities",
        "Заңды тұлғалардың қауымдастық (одақ) нысанындағы бірлестігі",
        "Объединение юридических лиц в форме ассоциации (союза)",
        "Association (union) of legal entities",
        "ЗТБ",
        "ОЮЛ",
    ),
    ("corporate_fund", "Корпоративтік қор", "Корпоративный фонд", "Corporate fund", "", "КФ"),
    ("religious_association", "Діни бірлестік", "Религиозное объединение", "Religious association", "ДБ", "РО"),
    ("consumer_cooperative", "Тұтыну кооперативі", "Потребительский кооператив", "Consumer cooperative", "ТК", "ПК"),
    (
        "noncommercial_jsc",
        "Коммерциялық емес акционерлік қоғам",
        "Некоммерческое акционерное общество",
        "Non-commercial joint-stock company",
        "КЕАҚ",
        "НАО",
    ),
    (
        "property_owners_association",
        "Мүлік иелерінің бірлестігі",
        "Объединение собственников имущества",
        "Association of property owners",
        "МИБ",
        "ОСИ",
    ),
    (
        "other_nco_forms",
        "Коммерциялық емес ұйымның басқа ұйымдастыру-құқықтық нысандары",
        "Иные организационно-правовые формы некоммерческой организации",
        "Other non-commercial legal forms",
        "",
        "",
    ),
]

THEMES = [
    ("waste-management", "Қалдықтарды басқару", "Управление отходами", "Waste management"),
    ("climate-change", "Климаттың өзгеруі", "Изменение климата", "Climate change"),
    ("water", "Су ресурстары", "Водные ресурсы", "Water"),
    ("air-quality", "Ауа сапасы", "Качество воздуха", "Air quality"),
    ("biodiversity", "Биологиялық әртүрлілік", "Биоразнообразие", "Biodiversity"),
    ("energy-efficiency", "Энергия тиімділігі", "Энергоэффективность", "Energy efficiency"),
    ("renewable-energy", "Жаңартылатын энергия көздері", "Возобновляемые источники энергии", "Renewable energy"),
    ("land-degradation", "Жердің тозуы және шөлейттену", "Деградация земель и опустынивание", "Land degradation and desertification"),
    ("environmental-education", "Экологиялық білім беру", "Экологическое просвещение", "Environmental education"),
    ("public-participation", "Қоғамның шешім қабылдауға қатысуы", "Участие общественности в принятии решений", "Public participation"),
    ("environmental-rights", "Экологиялық құқықтар", "Экологические права", "Environmental rights"),
    ("sustainable-agriculture", "Тұрақты ауыл шаруашылығы", "Устойчивое сельское хозяйство", "Sustainable agriculture"),
]


def load(apps, schema_editor):
    LegalForm = apps.get_model("organizations", "LegalForm")
    Theme = apps.get_model("organizations", "Theme")
    for position, (slug, kk, ru, en, abbr_kk, abbr_ru) in enumerate(LEGAL_FORMS):
        LegalForm.objects.get_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name": kk,
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "abbreviation": abbr_kk,
                "abbreviation_kk": abbr_kk,
                "abbreviation_ru": abbr_ru,
                "abbreviation_en": "",
            },
        )
    for position, (slug, kk, ru, en) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"position": position, "name": kk, "name_kk": kk, "name_ru": ru, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
