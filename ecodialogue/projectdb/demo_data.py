"""Demo projects of the project database, written from public facts; the shared builders and organisations.

The records themselves are in `demo_data_eu.py` and `demo_data_eu_water.py`
(EU-funded, among them the seed documents' projects), `demo_data_ecodialogue.py`
(the EcoDialogue project and its call), `demo_data_concepts.py` (the WECOOP 2
project concepts of seed 002, in the pipeline), `demo_data_regional.py` and
`demo_data_nature.py` (other donors' regional programmes), `demo_data_national.py`
(Kazakhstan) and `demo_data_neighbours.py` (the other countries).
`demo_records()` returns them all.

What the records say and what they leave out:
- Titles, descriptions, dates, budgets, transactions, organisations and links
  come from public sources: the seed documents (`../shared/seeds/`) and the
  projects' own or their funders' pages, linked from each record. A fact not
  found is left out: no budget is invented, a record may lack dates.
- Where a source gives only a month, a start is the first and an end the last
  day of that month; where it gives only years, the first and last day of
  those years. A comment marks every date derived in another way.
- Identifiers are the platform's own (`KZ-ECODIALOGUE-DEMO-001` …): the
  projects' official IATI identifiers were not at hand, and an invented one
  would be worse than a plainly local one. Donor reference numbers that are
  public are quoted in the descriptions.
- Sector percentages and Rio markers are the platform's reading of each
  project's aims (donors mark their own activities; those markings were not
  at hand). Country percentages are given only when the source splits the money.
- The reporting organisation of every record is the platform, which compiled it.
"""

from decimal import Decimal

EUR, USD, CHF = "EUR", "USD", "CHF"
CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")


def T(kk: str, ru: str, en: str) -> dict:
    """A narrative in the platform's three languages."""
    return {"kk": kk, "ru": ru, "en": en}


def demo_id(number: int) -> str:
    return f"KZ-ECODIALOGUE-DEMO-{number:03d}"


def org(name: dict, *, ref: str = "", type: str = "") -> dict:  # noqa: A002 - IATI's attribute name
    return {"ref": ref, "type": type, "name": name}


def _same(text: str) -> dict:
    return T(text, text, text)


# --- Organisations, as the records name them -------------------------------------------------

PLATFORM = org(T("«ЭкоДиалог» платформасы", "Платформа «ЭкоДиалог»", "EcoDialogue platform"))

# The European Commission publishes as XI-IATI-EC_<DG>: the grants' screening finds EU-funded projects by it.
EU = org(T("Еуропалық Одақ", "Европейский союз", "European Union"), ref="XI-IATI-EC_INTPA", type="15")
CAREC = org(
    T(
        "Орталық Азияның өңірлік экологиялық орталығы (CAREC)",
        "Региональный экологический центр Центральной Азии (РЭЦЦА)",
        "Regional Environmental Centre for Central Asia (CAREC)",
    ),
    type="21",
)
GIZ = org(
    T(
        "Германияның халықаралық ынтымақтастық қоғамы (GIZ)",
        "Германское общество по международному сотрудничеству (GIZ)",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)",
    ),
    type="15",
)
UBA_AUSTRIA = org(
    T(
        "Аустрияның қоршаған ортаны қорғау агенттігі (Umweltbundesamt)",
        "Агентство по охране окружающей среды Австрии (Umweltbundesamt)",
        "Environment Agency Austria (Umweltbundesamt)",
    ),
    type="15",
)
GERMAN_FOREIGN_OFFICE = org(
    T(
        "Германия Федеративтік Республикасының Сыртқы істер министрлігі",
        "Федеральное министерство иностранных дел Германии",
        "German Federal Foreign Office",
    ),
    type="10",
)
SDC = org(
    T(
        "Швейцарияның даму және ынтымақтастық агенттігі (SDC)",
        "Швейцарское агентство по развитию и сотрудничеству (SDC)",
        "Swiss Agency for Development and Cooperation (SDC)",
    ),
    ref="CH-4",
    type="10",
)
SECO = org(
    T(
        "Швейцарияның экономика жөніндегі мемлекеттік хатшылығы (SECO)",
        "Государственный секретариат Швейцарии по экономике (SECO)",
        "Swiss State Secretariat for Economic Affairs (SECO)",
    ),
    type="10",
)
USAID = org(
    T(
        "АҚШ Халықаралық даму агенттігі (USAID)",
        "Агентство США по международному развитию (USAID)",
        "United States Agency for International Development (USAID)",
    ),
    type="10",
)
WORLD_BANK = org(T("Дүниежүзілік банк", "Всемирный банк", "World Bank"), type="40")
IDA = org(
    T(
        "Халықаралық даму қауымдастығы (Дүниежүзілік банк тобы)",
        "Международная ассоциация развития (Группа Всемирного банка)",
        "International Development Association (World Bank Group)",
    ),
    type="40",
)
IBRD = org(
    T(
        "Халықаралық қайта құру және даму банкі (Дүниежүзілік банк тобы)",
        "Международный банк реконструкции и развития (Группа Всемирного банка)",
        "International Bank for Reconstruction and Development (World Bank Group)",
    ),
    type="40",
)
GEF = org(
    T(
        "Жаһандық экологиялық қор (GEF)",
        "Глобальный экологический фонд (ГЭФ)",
        "Global Environment Facility (GEF)",
    ),
    type="40",
)
UNDP = org(
    T("БҰҰ Даму бағдарламасы (БҰҰДБ)", "Программа развития ООН (ПРООН)", "United Nations Development Programme (UNDP)"),
    ref="XM-DAC-41114",
    type="40",
)
UNEP = org(
    T(
        "БҰҰ Қоршаған орта жөніндегі бағдарламасы (ЮНЕП)",
        "Программа ООН по окружающей среде (ЮНЕП)",
        "United Nations Environment Programme (UNEP)",
    ),
    type="40",
)
UNECE = org(
    T(
        "БҰҰ Еуропалық экономикалық комиссиясы (БҰҰ ЕЭК)",
        "Европейская экономическая комиссия ООН (ЕЭК ООН)",
        "United Nations Economic Commission for Europe (UNECE)",
    ),
    type="40",
)
OECD = org(
    T(
        "Экономикалық ынтымақтастық және даму ұйымы (ЭЫДҰ)",
        "Организация экономического сотрудничества и развития (ОЭСР)",
        "Organisation for Economic Co-operation and Development (OECD)",
    ),
    type="40",
)
FAO = org(
    T(
        "БҰҰ Азық-түлік және ауыл шаруашылығы ұйымы (ФАО)",
        "Продовольственная и сельскохозяйственная организация ООН (ФАО)",
        "Food and Agriculture Organization of the United Nations (FAO)",
    ),
    type="40",
)
EBRD = org(
    T(
        "Еуропалық қайта құру және даму банкі (ЕҚДБ)",
        "Европейский банк реконструкции и развития (ЕБРР)",
        "European Bank for Reconstruction and Development (EBRD)",
    ),
    type="40",
)
ADB = org(
    T("Азия даму банкі (АДБ)", "Азиатский банк развития (АБР)", "Asian Development Bank (ADB)"),
    type="40",
)
CIF = org(
    T(
        "Климаттық инвестициялық қорлар (CIF)",
        "Климатические инвестиционные фонды (CIF)",
        "Climate Investment Funds (CIF)",
    ),
    type="40",
)
GCF = org(T("Жасыл климаттық қор", "Зелёный климатический фонд", "Green Climate Fund"), type="40")
ADAPTATION_FUND = org(T("Бейімделу қоры", "Адаптационный фонд", "Adaptation Fund"), type="40")
IUCN = org(
    T(
        "Халықаралық табиғатты қорғау одағы (IUCN)",
        "Международный союз охраны природы (МСОП)",
        "International Union for Conservation of Nature (IUCN)",
    ),
    type="21",
)
EC_IFAS = org(
    T(
        "Аралды құтқарудың халықаралық қорының Атқарушы комитеті",
        "Исполнительный комитет Международного фонда спасения Арала (ИК МФСА)",
        "Executive Committee of the International Fund for Saving the Aral Sea (EC IFAS)",
    ),
    type="40",
)
GOV_KZ = org(
    T("Қазақстан Республикасының Үкіметі", "Правительство Республики Казахстан", "Government of Kazakhstan"),
    type="10",
)
GOV_UZ = org(
    T("Өзбекстан Республикасының Үкіметі", "Правительство Республики Узбекистан", "Government of Uzbekistan"),
    type="10",
)
# The organiser of the seed call and its partners, named as in the platform's organisations directory.
CSD = org(
    T(
        "«Тұрақты дамуға жәрдемдесу» орталығы",
        "Центр содействия устойчивому развитию",
        "Centre for Sustainable Development Assistance",
    ),
    type="22",
)
HEJ = org(_same("Health and Environment Justice Support e.V."), type="21")
ANGEL = org(
    T("«Ангел» қоғамдық бірлестігі", "Общественное объединение «Ангел»", "Public association “Angel”"), type="22"
)


def named(en: str, ru: str = "", kk: str = "", *, type: str = "", ref: str = "") -> dict:  # noqa: A002
    """An organisation whose name the sources give in fewer languages: the others repeat it."""
    return org(T(kk or ru or en, ru or en, en), ref=ref, type=type)


# --- Places (city centres) --------------------------------------------------------------------

ALMATY = (T("Алматы", "Алматы", "Almaty"), "43.238", "76.945")
ATBASAR = (T("Атбасар", "Атбасар", "Atbasar"), "51.8", "68.3333")
KARAKOL = (T("Қарақол", "Каракол", "Karakol"), "42.4907", "78.3936")
DUSHANBE = (T("Душанбе", "Душанбе", "Dushanbe"), "38.5598", "68.787")
KARAGANDA = (T("Қарағанды", "Караганда", "Karaganda"), "49.806", "73.085")
ARALSK = (T("Арал", "Аральск", "Aralsk"), "46.7976", "61.6616")
KYZYLORDA = (T("Қызылорда", "Кызылорда", "Kyzylorda"), "44.8488", "65.4823")
NUKUS = (T("Нөкіс", "Нукус", "Nukus"), "42.4531", "59.6103")
BISHKEK = (T("Бішкек", "Бишкек", "Bishkek"), "42.8746", "74.5698")
ATYRAU = (T("Атырау", "Атырау", "Atyrau"), "47.1167", "51.8833")
PAVLODAR = (T("Павлодар", "Павлодар", "Pavlodar"), "52.2873", "76.9674")
OSKEMEN = (T("Өскемен", "Усть-Каменогорск", "Oskemen (Ust-Kamenogorsk)"), "49.9483", "82.6275")
BUKHARA = (T("Бұхара", "Бухара", "Bukhara"), "39.7747", "64.4286")


# --- The record builder -----------------------------------------------------------------------


def _amount(value) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _party(party: dict | None) -> dict:
    if not party:
        return {"ref": "", "name": ""}
    return {"ref": party["ref"], "name": party["name"]["en"]}


def project(
    number: int,
    *,
    title: dict,
    description: dict,
    objectives: dict | None = None,
    target_groups: dict | None = None,
    status: str = "",
    dates: dict | None = None,
    countries=(),
    regions=(),
    sectors=(),
    markers: dict | None = None,
    funders=(),
    implementers=(),
    accountable=(),
    budgets=(),
    transactions=(),
    documents=(),
    locations=(),
    related=(),
    currency: str = "",
) -> dict:
    """One record in the shape of `records.py`.

    countries: codes, or (code, percentage) pairs; regions: (code, percentage);
    sectors: (DAC code, percentage); markers: {code: significance};
    budgets: (value, currency, period start, period end[, status]);
    transactions: (type, date, value, currency, provider, receiver[, description]);
    documents: (url, title, languages); locations: (name, lat, lon);
    related: (RelatedActivityType, demo number).
    """
    descriptions = [{"type": "1", "text": description}]
    if objectives:
        descriptions.append({"type": "2", "text": objectives})
    if target_groups:
        descriptions.append({"type": "3", "text": target_groups})
    participating = [
        {"role": role, **party} for role, parties in (("1", funders), ("2", accountable), ("4", implementers))
        for party in parties
    ]  # fmt: skip
    return {
        "identifier": demo_id(number),
        "default_language": "kk",
        "default_currency": currency,
        "last_updated": "",
        "status": status,
        "title": title,
        "descriptions": descriptions,
        "reporting_org": dict(PLATFORM),
        "participating_orgs": participating,
        "dates": dict(dates or {}),
        "countries": [
            {"code": c, "percentage": ""} if isinstance(c, str) else {"code": c[0], "percentage": c[1]}
            for c in countries
        ],
        "regions": [{"code": code, "vocabulary": "1", "percentage": pct} for code, pct in regions],
        "sectors": [{"code": code, "vocabulary": "1", "percentage": str(pct)} for code, pct in sectors],
        "policy_markers": [
            {"code": code, "vocabulary": "1", "significance": str(sig)} for code, sig in (markers or {}).items()
        ],
        "locations": [
            {
                "ref": "",
                "name": name,
                "description": {},
                "lat": lat,
                "lon": lon,
                "admin_vocabulary": "",
                "admin_code": "",
            }
            for name, lat, lon in locations
        ],  # fmt: skip
        "budgets": [
            {
                "type": "1",
                "status": budget[4] if len(budget) > 4 else "2",
                "period_start": budget[2],
                "period_end": budget[3],
                "value": _amount(budget[0]),
                "currency": budget[1],
                "value_date": budget[2],
            }
            for budget in budgets
        ],
        "transactions": [
            {
                "type": t[0],
                "date": t[1],
                "value": _amount(t[2]),
                "currency": t[3],
                "value_date": t[1],
                "description": t[6] if len(t) > 6 else {},
                "provider": _party(t[4]),
                "receiver": _party(t[5]),
            }
            for t in transactions
        ],
        "documents": [
            {"url": url, "format": "text/html", "title": doc_title, "categories": ["A12"], "languages": list(langs)}
            for url, doc_title, langs in documents
        ],
        "related": [{"type": kind, "ref": demo_id(other)} for kind, other in related],
    }


def demo_records() -> list[dict]:
    """Every demo project, in the order of their numbers."""
    from . import (
        demo_data_concepts,
        demo_data_ecodialogue,
        demo_data_eu,
        demo_data_eu_water,
        demo_data_national,
        demo_data_nature,
        demo_data_neighbours,
        demo_data_regional,
    )

    parts = (
        demo_data_eu, demo_data_eu_water, demo_data_ecodialogue, demo_data_concepts, demo_data_regional,
        demo_data_nature, demo_data_national, demo_data_neighbours,
    )  # fmt: skip
    return sorted((record for part in parts for record in part.PROJECTS), key=lambda r: r["identifier"])
