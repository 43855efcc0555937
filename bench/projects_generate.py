"""Realistic trilingual project records for the project database benchmark, and a loader.

    DATABASE_URL=postgres://... .venv/bin/python bench/projects_generate.py 100000 [--seed 6]

`Generator(seed).record(i)` is project number i as a record in the format of
`ecodialogue/projectdb/records.py`, the same for the same seed and i whatever
else was generated (each record has its own random stream). Titles and
descriptions are built from real environmental terms in Kazakh, Russian and
English (`projects_words.py`) in their inflected forms; the concept of rank k
is in a project with a probability proportional to 1/k, so the most common
words are in 20–40 % of projects and the rarest in a fraction of a percent.
Each project has 1–3 countries (or the Central Asia region) and 1–3 DAC
sectors with percentages adding up to 100, 1–2 funders from a pool of 200
(EU institutions the most frequent), an implementer from a pool of 2,000,
dates from 2000 to 2030 with a status that fits them, budgets in EUR, USD or
KZT, 0–5 transactions, Rio markers, and some locations, links and parents.

Run as a command it loads N records into the database of DATABASE_URL through
`services.projects_save` in batches of 500, as an import would, and prints the
rate on its last line (bench/run.py and bench/projects.py use it).
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from projects_words import (  # noqa: E402
    CENTRAL_ASIA_PLACE,
    CONCEPTS,
    CORES,
    FUNDER_FORMS,
    FUNDERS,
    IMPLEMENTER_FORMS,
    PLACES,
    SENTENCES,
    TITLES,
    VILLAGE_SENTENCE,
    villages,
)

SEED = 6
BATCH = 500
FUNDER_POOL = 200
IMPLEMENTER_POOL = 2000
# The probability of the most frequent concept; the one of rank k gets TOP / k.
TOP = 0.27
TODAY = datetime.date(2026, 6, 1)  # fixed, so the statuses do not depend on the day of the run

COUNTRIES = {"KZ": 30, "KG": 22, "UZ": 20, "TJ": 18, "TM": 7, "AF": 1.2, "MN": 0.8, "AZ": 0.5, "GE": 0.5}
# (DAC 5-digit sector, weight): environment, water, energy, agriculture and forestry, disaster risk.
SECTORS = {
    "41010": 14, "41020": 5, "41030": 6, "41040": 1, "41081": 4, "41082": 3, "14010": 9, "14015": 5,
    "14020": 4, "14021": 3, "14022": 3, "14030": 4, "14031": 3, "14032": 2, "14040": 4, "14050": 7,
    "14081": 1, "23110": 3, "23183": 6, "23210": 4, "23220": 2, "23230": 2, "23231": 1, "23240": 1,
    "23270": 1, "31130": 3, "31140": 4, "31210": 2, "31220": 2, "31320": 1, "43060": 4, "74020": 1,
}  # fmt: skip
# The languages of a project's texts, with their shares (most projects in all three, as the portal asks).
LANGUAGES = [(("kk", "ru", "en"), 55), (("ru", "en"), 20), (("en",), 10), (("ru",), 8), (("kk", "ru"), 7)]
CURRENCIES = [("EUR", 45), ("USD", 45), ("KZT", 10)]
STATUS_LATE = [("4", 80), ("3", 12), ("5", 5), ("6", 3)]


class Term:
    """A word or phrase in one language, in the forms templates ask for: {x.n} {x.g} {x.a} {x.l}, {x} = .n."""

    __slots__ = ("n", "g", "a", "l")

    def __init__(self, n: str, g: str = "", a: str = "", l: str = "") -> None:  # noqa: E741
        self.n, self.g, self.a, self.l = n, g or n, a or n, l or n

    def __str__(self) -> str:
        return self.n

    def __format__(self, spec: str) -> str:
        return format(self.n, spec)


def concept_terms(concept) -> dict[str, Term]:
    en, ru, kk = concept
    ru_n, ru_g = ru.split("|")
    kk_n, kk_g, kk_a = kk.split("|")
    return {"en": Term(en), "ru": Term(ru_n, ru_g), "kk": Term(kk_n, kk_g, kk_a)}


def place_terms(place) -> dict[str, Term]:
    _country, en, ru, kk, _lat, _lon = place
    ru_n, ru_l, ru_g = ru.split("|")
    kk_n, kk_l, kk_g = kk.split("|")
    return {"en": Term(en), "ru": Term(ru_n, ru_g, l=ru_l), "kk": Term(kk_n, kk_g, l=kk_l)}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


class Generator:
    """Deterministic project records; pools of funders and implementers are drawn once per seed."""

    def __init__(self, seed: int = SEED) -> None:
        self.seed = seed
        self.concepts = [concept_terms(c) for c in CONCEPTS]
        self.concept_p = [TOP / rank for rank in range(1, len(CONCEPTS) + 1)]
        self.concept_cum = cumulative(self.concept_p)
        self.places = {}
        for place in PLACES:
            self.places.setdefault(place[0], []).append((place, place_terms(place)))
        self.central_asia = (CENTRAL_ASIA_PLACE, place_terms(CENTRAL_ASIA_PLACE))
        self.country_codes = list(COUNTRIES)
        self.country_cum = cumulative(COUNTRIES.values())
        self.sector_codes = list(SECTORS)
        self.sector_cum = cumulative(SECTORS.values())
        self.languages = [langs for langs, _w in LANGUAGES]
        self.language_cum = cumulative(w for _l, w in LANGUAGES)
        self.currencies = [c for c, _w in CURRENCIES]
        self.currency_cum = cumulative(w for _c, w in CURRENCIES)
        self.funders = self._funders()
        self.funder_cum = cumulative(1 / rank**1.1 for rank in range(1, len(self.funders) + 1))
        self.implementers = self._implementers()
        self.implementer_cum = cumulative(1 / rank**0.8 for rank in range(1, len(self.implementers) + 1))
        self.villages = villages()
        random.Random(f"{seed}:villages").shuffle(self.villages)
        self.village_cum = cumulative(1 / rank for rank in range(1, len(self.villages) + 1))

    def _names(self, rng: random.Random, forms, count: int) -> list[tuple[str, str, dict]]:
        """`count` distinct made-up organisations: (type, ref, {lang: name}) from cores, places and legal forms."""
        seen, names = set(), []
        while len(names) < count:
            org_type, kk, ru, en = rng.choice(forms)
            (k, r, e), place = rng.choice(CORES), rng.choice(PLACES)
            _c, place_en, place_ru, place_kk, _lat, _lon = place
            key = (kk, k, place_en)
            if key in seen:
                continue
            seen.add(key)
            kk_name = kk.format(k=f"{place_kk.split('|')[0]} {k}")
            ru_name = ru.format(r=f"{r} {place_ru.split('|')[0]}")
            names.append((org_type, "", {"kk": kk_name, "ru": ru_name, "en": en.format(e=f"{e} {place_en}")}))
        return names

    def _funders(self) -> list[tuple[str, str, dict]]:
        real = [(t, ref, {"en": en, "ru": ru, "kk": kk}) for ref, t, en, ru, kk in FUNDERS]
        made = self._names(random.Random(f"{self.seed}:funders"), FUNDER_FORMS, FUNDER_POOL - len(real))
        return real + made

    def _implementers(self) -> list[tuple[str, str, dict]]:
        return self._names(random.Random(f"{self.seed}:implementers"), IMPLEMENTER_FORMS, IMPLEMENTER_POOL)

    def identifier(self, i: int) -> str:
        """The identifier of record i, without making the rest of it (the funders are the first thing drawn)."""
        funders = self._pick_funders(random.Random(f"{self.seed}:{i}"))
        return f"{funders[0][1] or 'XM-OTHER'}-BENCH-{i:06d}"

    def record(self, i: int) -> dict:
        rng = random.Random(f"{self.seed}:{i}")
        funders = self._pick_funders(rng)
        identifier = f"{funders[0][1] or 'XM-OTHER'}-BENCH-{i:06d}"
        countries, regions = self._geography(rng)
        concepts = self._concepts(rng)
        places = self._places(rng, countries)
        implementer = self.implementers[rng.choices(range(len(self.implementers)), cum_weights=self.implementer_cum)[0]]
        languages = rng.choices(self.languages, cum_weights=self.language_cum)[0]
        title, descriptions = self._texts(rng, languages, concepts, places, implementer[2])
        dates, status = self._dates(rng)
        currency = "KZT" if countries == [{"code": "KZ", "percentage": "100"}] and rng.random() < 0.5 else None
        currency = currency or rng.choices(self.currencies, cum_weights=self.currency_cum)[0]
        budgets, transactions = self._money(rng, dates, currency, funders[0], implementer)
        participating = [
            {"role": "1", "ref": ref, "type": org_type, "name": name} for org_type, ref, name in funders
        ] + [{"role": "4", "ref": "", "type": implementer[0], "name": implementer[2]}]
        first_type, first_ref, first_name = funders[0]
        record = {
            "identifier": identifier,
            "default_language": "en" if "en" in languages else languages[0],
            "default_currency": currency,
            "last_updated": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+00:00",
            "status": status,
            "title": title,
            "descriptions": descriptions,
            "reporting_org": {"ref": first_ref, "type": first_type, "name": first_name},
            "participating_orgs": participating,
            "dates": dates,
            "countries": countries,
            "regions": regions,
            "sectors": self._sectors(rng),
            "policy_markers": self._markers(rng),
            "locations": self._locations(rng, places),
            "budgets": budgets,
            "transactions": transactions,
            "documents": [],
            "related": [],
        }
        if rng.random() < 0.4:
            record["documents"].append(
                {
                    "url": f"https://projects.example.org/{identifier.lower()}",
                    "format": "text/html",
                    "title": {"en": "Project web page"},
                    "categories": ["A12"],
                    "languages": list(languages),
                }
            )
        if i > 10 and rng.random() < 0.05:
            record["related"].append({"type": "1", "ref": self.identifier(rng.randrange(i))})
        return record

    def records(self, count: int, start: int = 0):
        for i in range(start, start + count):
            yield self.record(i)

    # The parts of a record.

    def _pick_funders(self, rng):
        count = 2 if rng.random() < 0.25 else 1
        picked = []
        while len(picked) < count:
            funder = self.funders[rng.choices(range(len(self.funders)), cum_weights=self.funder_cum)[0]]
            if funder not in picked:
                picked.append(funder)
        return picked

    def _split(self, rng, count: int) -> list[str]:
        """`count` percentages in tens adding up to 100."""
        if count == 1:
            return ["100"]
        cuts = sorted(rng.sample(range(1, 10), count - 1))
        return [str((b - a) * 10) for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]

    def _geography(self, rng):
        if rng.random() < 0.06:
            return [], [{"code": "619", "vocabulary": "1", "percentage": "100"}]
        count = rng.choices((1, 2, 3), weights=(70, 18, 12))[0]
        codes = []
        while len(codes) < count:
            code = rng.choices(self.country_codes, cum_weights=self.country_cum)[0]
            if code not in codes:
                codes.append(code)
        return [{"code": c, "percentage": p} for c, p in zip(codes, self._split(rng, count), strict=True)], []

    def _sectors(self, rng):
        count = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
        codes = []
        while len(codes) < count:
            code = rng.choices(self.sector_codes, cum_weights=self.sector_cum)[0]
            if code not in codes:
                codes.append(code)
        return [
            {"code": c, "vocabulary": "1", "percentage": p} for c, p in zip(codes, self._split(rng, count), strict=True)
        ]

    def _concepts(self, rng):
        """Each concept independently with its Zipf probability; at least two (a title and a sentence need them)."""
        chosen = [c for c, p in zip(self.concepts, self.concept_p, strict=True) if rng.random() < p]
        while len(chosen) < 2:
            extra = self.concepts[rng.choices(range(len(self.concepts)), cum_weights=self.concept_cum)[0]]
            if extra not in chosen:
                chosen.append(extra)
        rng.shuffle(chosen)
        return chosen

    def _places(self, rng, countries):
        if not countries or (len(countries) > 1 and rng.random() < 0.4):
            return [self.central_asia]
        return [rng.choice(self.places[c["code"]]) for c in countries]

    def _texts(self, rng, languages, concepts, places, implementer):
        c, d = concepts[0], concepts[1]
        p = places[0][1]
        title_template = rng.choice(TITLES)
        sentences = [SENTENCES[0]]
        sentences += rng.sample(SENTENCES[1:-1], rng.randint(1, 4))
        picks = [(s, concepts[n % len(concepts)], concepts[(n + 1) % len(concepts)]) for n, s in enumerate(sentences)]
        if rng.random() < 0.7:
            picks.append((SENTENCES[-1], c, d))
        village = self.villages[rng.choices(range(len(self.villages)), cum_weights=self.village_cum)[0]]
        if rng.random() < 0.5:
            picks.insert(1, (VILLAGE_SENTENCE, c, d))
        objectives = rng.random() < 0.4
        title, general, aims = {}, {}, {}
        for lang in languages:
            column = ("en", "ru", "kk").index(lang)
            title[lang] = capitalised(title_template[column].format(c=c[lang], d=d[lang], p=p[lang]))
            texts = [
                capitalised(
                    s[column].format(
                        c=x[lang], d=y[lang], p=places[n % len(places)][1][lang], i=implementer[lang], v=village[lang]
                    )
                )
                for n, (s, x, y) in enumerate(picks)
            ]
            general[lang] = " ".join(texts)
            if objectives:
                aims[lang] = capitalised(SENTENCES[3][column].format(c=d[lang], d=c[lang], p=p[lang]))
        descriptions = [{"type": "1", "text": general}]
        if objectives:
            descriptions.append({"type": "2", "text": aims})
        return title, descriptions

    def _dates(self, rng):
        year = min(2028, 2000 + int(rng.triangular(0, 29, 22)))
        start = datetime.date(year, rng.randint(1, 12), 1)
        months = rng.randint(12, 72)
        end_month = start.month - 1 + months
        end = datetime.date(start.year + end_month // 12, end_month % 12 + 1, 1) - datetime.timedelta(days=1)
        end = min(end, datetime.date(2030, 12, 31))
        dates = {"1": start.isoformat(), "3": end.isoformat()}
        if start > TODAY:
            return dates, "1"
        dates["2"] = start.isoformat()
        if end > TODAY:
            return dates, "2"
        status = rng.choices([s for s, _w in STATUS_LATE], weights=[w for _s, w in STATUS_LATE])[0]
        if status == "4":
            dates["4"] = end.isoformat()
        return dates, status

    def _money(self, rng, dates, currency, funder, implementer):
        start = datetime.date.fromisoformat(dates["1"])
        end = datetime.date.fromisoformat(dates["3"])
        total = rng.lognormvariate(13.6, 1.1) * (480 if currency == "KZT" else 1)
        years = max(1, min(3, end.year - start.year + 1))
        budgets = []
        for n in range(rng.randint(1, years)):
            period_start = datetime.date(start.year + n, 1, 1) if n else start
            period_end = min(end, datetime.date(period_start.year, 12, 31))
            budgets.append(
                {
                    "type": "1",
                    "status": "2" if "2" in dates else "1",
                    "period_start": period_start.isoformat(),
                    "period_end": period_end.isoformat(),
                    "value": str(round(total / years, -2)),
                    "currency": currency,
                    "value_date": period_start.isoformat(),
                }
            )
        transactions = []
        count = rng.choices(range(6), weights=(25, 15, 20, 20, 12, 8))[0] if "2" in dates else 0
        for n in range(count):
            when = min(TODAY, start + datetime.timedelta(days=30 + 200 * n))
            kind = "2" if n == 0 else rng.choice(("3", "3", "4"))
            transactions.append(
                {
                    "type": kind,
                    "date": when.isoformat(),
                    "value": str(round(total if kind == "2" else total / (count + 1), 2)),
                    "currency": currency,
                    "value_date": when.isoformat(),
                    "description": {},
                    "provider": {"ref": funder[1], "name": funder[2]["en"]},
                    "receiver": {"ref": "", "name": implementer[2]["en"]},
                }
            )
        return budgets, transactions

    def _markers(self, rng):
        markers = []
        for code, chance in (("1", 0.2), ("5", 0.3), ("6", 0.3), ("7", 0.35), ("8", 0.15)):
            if rng.random() < chance:
                significance = rng.choices(("0", "1", "2"), weights=(2, 5, 3))[0]
                markers.append({"code": code, "vocabulary": "1", "significance": significance})
        return markers

    def _locations(self, rng, places):
        if rng.random() >= 0.3:
            return []
        located = []
        for place, terms in places[:2]:
            if not place[4]:
                continue
            located.append(
                {
                    "ref": "",
                    "name": {"en": terms["en"].n, "ru": terms["ru"].n, "kk": terms["kk"].n},
                    "description": {},
                    "lat": f"{float(place[4]) + rng.uniform(-0.3, 0.3):.4f}",
                    "lon": f"{float(place[5]) + rng.uniform(-0.3, 0.3):.4f}",
                    "admin_vocabulary": "",
                    "admin_code": "",
                }
            )
        return located


def load(count: int, *, seed: int = SEED, start: int = 0, batch: int = BATCH, progress=None) -> dict:
    """Save `count` generated records through `services.projects_save` in batches; Django must be set up."""
    from ecodialogue.projectdb.models import Project
    from ecodialogue.projectdb.services import projects_save

    generator = Generator(seed)
    made = saved = 0
    generating = saving = saving_cpu = 0.0
    for first in range(start, start + count, batch):
        began = time.perf_counter()
        records = list(generator.records(min(batch, start + count - first), first))
        middle, cpu = time.perf_counter(), time.process_time()
        results = projects_save(records=records, source=Project.Source.IATI, source_name="bench")
        generating += middle - began
        saving += time.perf_counter() - middle
        saving_cpu += time.process_time() - cpu
        made += len(records)
        problems = [(r.identifier, [f.code for f in r.problems]) for r in results if r.problems]
        if problems:
            raise SystemExit(f"generated records refused: {problems[:3]}")
        saved += sum(1 for r in results if r.outcome == "created")
        if progress:
            progress(made, saving)
    return {
        "records": made,
        "created": saved,
        "generate_s": round(generating, 2),
        "save_s": round(saving, 2),
        "save_per_s": round(made / saving, 1) if saving else None,
        # This process's CPU alone (Python and, for SQLite, the database): what a busy machine does not distort.
        "save_cpu_s": round(saving_cpu, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecodialogue.settings")
    import django

    django.setup()

    def progress(done: int, seconds: float) -> None:
        if done % 10000 == 0:
            print(f"  {done} saved, {done / seconds:.0f}/s", flush=True)

    stats = load(args.count, seed=args.seed, start=args.start, progress=progress)
    print(
        f"{stats['records']} projects saved in {stats['save_s']} s ({stats['save_per_s']}/s through projects_save; "
        f"generating them took {stats['generate_s']} s)"
    )


if __name__ == "__main__":
    main()
