"""Create N realistic organisations quickly (bulk inserts) in the database of DATABASE_URL.

Run by bench/run.py after `migrate`, `load_kato` and `seed_demo`:

    DATABASE_URL=postgres://... .venv/bin/python bench/populate.py 5000

Names in Kazakh, Russian and English built from real KATO places, valid BINs
(ecodialogue.organizations.bin.make_bin), kinds and legal forms in realistic
proportions, two themes each, and search_text (and sort keys) built by the
same service functions the platform uses, so search and order behave as in
production.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecodialogue.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from ecodialogue.organizations import services  # noqa: E402
from ecodialogue.organizations.bin import make_bin  # noqa: E402
from ecodialogue.organizations.models import LegalForm, Organization, Settlement, Theme  # noqa: E402

# The distinctive part of a name: (kk, ru, en).
CORES = [
    ("Жасыл дала", "Зелёная степь", "Green Steppe"),
    ("Таза су", "Чистая вода", "Clean Water"),
    ("Таза ауа", "Чистый воздух", "Clean Air"),
    ("Табиғат аманаты", "Наследие природы", "Nature's Heritage"),
    ("Жасыл болашақ", "Зелёное будущее", "Green Future"),
    ("Эко-ауыл", "Эко-село", "Eco-village"),
    ("Мөлдір бұлақ", "Чистый родник", "Clear Spring"),
    ("Күн энергиясы", "Солнечная энергия", "Solar Energy"),
    ("Жас экологтар", "Юные экологи", "Young Ecologists"),
    ("Орман досы", "Друг леса", "Friend of the Forest"),
    ("Дала мұрасы", "Наследие степи", "Steppe Heritage"),
    ("Өзен жағасы", "Берег реки", "Riverbank"),
    ("Тау самалы", "Горный ветер", "Mountain Breeze"),
    ("Жер ана", "Мать-земля", "Mother Earth"),
    ("Құс жолы", "Птичий путь", "Birds' Way"),
    ("Қайта өңдеу", "Вторая жизнь", "Second Life"),
    ("Жасыл қала", "Зелёный город", "Green City"),
    ("Эко-білім", "Экопросвещение", "Eco-education"),
    ("Климат үшін", "За климат", "For the Climate"),
    ("Ауыл тынысы", "Дыхание села", "Village Breath"),
    ("Бірлік", "Единство", "Unity"),
    ("Шұғыла", "Сияние", "Radiance"),
    ("Жасыл белдеу", "Зелёный пояс", "Green Belt"),
    ("Көл жағасы", "Берег озера", "Lakeshore"),
]

# kind -> list of (legal form slug or None, kk pattern, ru pattern, en pattern); {x} is the core + place.
PATTERNS = {
    "ngo": [
        (
            "public_association",
            "«{x}» қоғамдық бірлестігі",
            "Общественное объединение «{x}»",
            "Public association “{x}”",
        ),
        (
            "public_association",
            "«{x}» экологиялық қоғамдық бірлестігі",
            "Экологическое общественное объединение «{x}»",
            "Ecological public association “{x}”",
        ),
        ("public_fund", "«{x}» қоғамдық қоры", "Общественный фонд «{x}»", "Public fund “{x}”"),
        (
            "public_fund",
            "«{x}» экологиялық қоғамдық қоры",
            "Экологический общественный фонд «{x}»",
            "Ecological public fund “{x}”",
        ),
        ("private_institution", "«{x}» жеке меншік мекемесі", "Частное учреждение «{x}»", "Private institution “{x}”"),
        (
            "association_of_legal_entities",
            "«{x}» заңды тұлғалар қауымдастығы",
            "Ассоциация юридических лиц «{x}»",
            "Association “{x}”",
        ),
    ],
    "initiative_group": [
        (None, "«{x}» бастамашыл тобы", "Инициативная группа «{x}»", "Initiative group “{x}”"),
    ],
    "grant_maker": [
        ("corporate_fund", "«{x}» корпоративтік қоры", "Корпоративный фонд «{x}»", "Corporate fund “{x}”"),
    ],
    "donor": [
        (
            "other_nco_forms",
            "«{x}» халықаралық ұйымының өкілдігі",
            "Представительство международной организации «{x}»",
            "Representative office of the international organisation “{x}”",
        ),
    ],
    "other": [
        (
            "consumer_cooperative",
            "«{x}» тұтыну кооперативі",
            "Потребительский кооператив «{x}»",
            "Consumer cooperative “{x}”",
        ),
    ],
}
# Local authorities are named after their place, not a core.
AUTHORITIES = {
    "akimat": ("{kk} әкімінің аппараты", "Аппарат акима {ru}", "Akim's office of {en}"),
    "maslikhat": ("{kk} мәслихатының аппараты", "Аппарат маслихата {ru}", "Maslikhat office of {en}"),
}
KIND_WEIGHTS = {
    "ngo": 72,
    "initiative_group": 8,
    "akimat": 8,
    "maslikhat": 4,
    "grant_maker": 3,
    "donor": 2,
    "other": 3,
}

# Russian-style romanisation for the English names (KATO has no English names); "-" is silent.
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
LATIN = "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya a g k ng o u u h i"
TRANSLIT = {c: latin.strip("-") for c, latin in zip(CYRILLIC, LATIN.split(" "), strict=True)}


def latin(text: str) -> str:
    out = []
    for char in text:
        low = char.lower()
        if low in TRANSLIT:
            value = TRANSLIT[low]
            out.append(value.capitalize() if char != low else value)
        else:
            out.append(char)
    return "".join(out)


def place_names(settlement: Settlement) -> tuple[str, str, str]:
    """'Атбасар', 'Атбасар', 'Atbasar' from 'Атбасар қ.' / 'г.Атбасар'."""
    kk = settlement.name_kk
    for suffix in (" қ.", " а."):
        kk = kk.removesuffix(suffix)
    ru = settlement.name_ru
    for prefix in ("г.", "с."):
        ru = ru.removeprefix(prefix)
    ru = ru.strip()
    return kk.strip(), ru, latin(ru)


def settlement_pool(rng: random.Random) -> tuple[list[Settlement], list[Settlement]]:
    """Cities and towns (most organisations) and villages, from whatever KATO is loaded."""
    cities = list(Settlement.objects.filter(name_ru__startswith="г.").exclude(level=Settlement.Level.DISTRICT))
    villages = list(Settlement.objects.filter(level=Settlement.Level.SETTLEMENT, name_ru__startswith="с."))
    if len(villages) > 1500:
        villages = rng.sample(villages, 1500)
    if not cities:
        raise SystemExit("no settlements loaded: run load_kato or seed_demo first")
    return cities, villages or cities


def bins(rng: random.Random, taken: set[str]):
    """Valid, unique BINs of resident legal entities: YYMM, 4 (legal entity), 0/2 (head unit/representation)."""
    serial = 10000
    while True:
        serial += rng.randint(1, 7)
        first = f"{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}4{rng.choice('0002')}{serial % 100000:05d}"
        value = make_bin(first)
        if value is not None and value not in taken:
            taken.add(value)
            yield value


def sort_keys(organization: Organization) -> dict[str, str]:
    """The alphabetical sort keys the services store, where this version of the model has them."""
    keys = getattr(services, "organization_sort_keys", None)
    return keys(organization) if keys else {}


def main(count: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    started = time.monotonic()
    forms = {f.slug: f for f in LegalForm.objects.all()}
    themes = list(Theme.objects.all())
    cities, villages = settlement_pool(rng)
    bin_source = bins(rng, set(Organization.objects.exclude(bin=None).values_list("bin", flat=True)))
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    organizations, chosen_themes = [], []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        settlement = rng.choice(cities) if rng.random() < 0.6 else rng.choice(villages)
        place_kk, place_ru, place_en = place_names(settlement)
        if kind in AUTHORITIES:
            kk, ru, en = (p.format(kk=place_kk, ru=place_ru, en=place_en) for p in AUTHORITIES[kind])
            form = forms.get("state_institution")
        else:
            core = rng.choice(CORES)
            slug, *patterns = rng.choice(PATTERNS[kind])
            with_place = rng.random() < 0.7
            places = (place_kk, place_ru, place_en)
            parts = [f"{c} – {p}" if with_place else c for c, p in zip(core, places, strict=True)]
            kk, ru, en = (pattern.format(x=part) for pattern, part in zip(patterns, parts, strict=True))
            form = forms.get(slug) if slug else None
        bin_value = None if kind == Organization.Kind.INITIATIVE_GROUP else next(bin_source)
        registration = datetime.date(2000 + int(bin_value[:2]), int(bin_value[2:4]), 1) if bin_value else None
        verified = rng.random() < 0.55
        member = kind == "ngo" and rng.random() < 0.3
        organization = Organization(
            kind=kind,
            legal_form=form,
            name_kk=kk,
            name_ru=ru,
            name_en=en,
            country="KZ",
            bin=bin_value,
            registration_date=registration,
            settlement=settlement,
            region_id=settlement.region_id,
            address=f"{place_ru}, ул. Абая, {rng.randint(1, 180)}",
            public_phone=f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            description_kk=f"{kk}: {place_kk} қаласы мен ауылдарындағы экологиялық жобалар.",
            description_ru=f"{ru}: экологические проекты в {place_ru} и окрестностях.",
            description_en=f"{en}: environmental projects in {place_en} and around.",
            verification_status="verified" if verified else "unverified",
            network_status=Organization.NetworkStatus.MEMBER if member else Organization.NetworkStatus.NONE,
            network_member_since=datetime.date(2020 + rng.randint(0, 5), rng.randint(1, 12), 1) if member else None,
        )
        # The same derived columns the services keep on every save.
        organization.search_text = services.organization_search_text(organization)
        for field, key in sort_keys(organization).items():
            setattr(organization, field, key)
        organizations.append(organization)
        chosen_themes.append(rng.sample(themes, 2))
    through = Organization.themes.through
    with transaction.atomic():
        Organization.objects.bulk_create(organizations, batch_size=1000)
        links = [
            through(organization_id=org.pk, theme_id=theme.pk)
            for org, picked in zip(organizations, chosen_themes, strict=True)
            for theme in picked
        ]
        through.objects.bulk_create(links, batch_size=2000)
    print(
        f"{len(organizations)} organisations and {len(links)} theme links created in "
        f"{time.monotonic() - started:.1f} s ({len(cities)} towns, {len(villages)} villages to choose from)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
