"""The search part of bench/projects.py: the queries of each class, chosen from the generated texts, and their timing.

Words are chosen by how many generated projects contain them (measured on a
sample of 20,000 records of the same seed, per language), never by hand, so
"common" and "rare" mean the same at any size: common words are in 15–45 %
of the projects, rare ones in at most 0.3 %. Words of the sentence templates
("project", "және") are left out of both: they are measured on their own as
"very common words". Two-word queries are adjacent words of the
environmental terms ("качество воды", "су ресурстарын", "solid waste").
"""

import os
import random
import re
import statistics
import time
from collections import Counter

from projects_generate import SEED, Generator
from projects_words import CONCEPTS, SENTENCES, TITLES, VILLAGE_SENTENCE

SAMPLE = 20_000
PER_CLASS = int(os.environ.get("BENCH_QUERIES", "50"))
LANGUAGES = ("kk", "ru", "en")
CONJUNCTIONS = {"және", "мен", "and", "the", "для", "и", "with"}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Facet combinations of the faceted class (with a common word) and of the no-query class.
FACETS = [
    {"country": "KZ"},
    {"marker": "7"},
    {"category": "140"},
    {"status": "2"},
    {"funder": "XI-IATI-EC_INTPA"},
    {"country": ["KZ", "KG"], "marker": "6"},
    {"year": "2020"},
    {"sector": "41010"},
    {"country": "UZ", "category": "410"},
    {"country": "TJ", "status": ["2", "3"], "year": "2024"},
]


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def template_words() -> set[str]:
    found = set()
    for template in [*TITLES, *SENTENCES, VILLAGE_SENTENCE]:
        for text in template:
            found |= set(words(re.sub(r"\{[^}]*\}", " ", text)))
    return found


def frequencies(sample: int = SAMPLE) -> dict[str, Counter]:
    """Per language: in how many of `sample` generated records each word appears (title or description)."""
    counts = {lang: Counter() for lang in LANGUAGES}
    for record in Generator(SEED).records(sample):
        for lang in LANGUAGES:
            parts = [record["title"].get(lang, "")] + [d["text"].get(lang, "") for d in record["descriptions"]]
            counts[lang].update(set(words(" ".join(parts))))
    return counts


def interleave(lists: list[list], count: int) -> list:
    """Round robin over the lists, cycling when they run out, `count` items."""
    lists = [items for items in lists if items]
    picked, n = [], 0
    while len(picked) < count and lists:
        items = lists[n % len(lists)]
        picked.append(items[(n // len(lists)) % len(items)])
        n += 1
    return picked


def query_classes(total: int) -> dict[str, list[dict]]:
    """name → [filters as a query dict]; `total` projects were loaded (for identifiers)."""
    rng = random.Random(f"{SEED}:queries")
    counts = frequencies()
    skeleton = template_words()
    vocabulary = {w for concept in CONCEPTS for text in concept for w in words(text)}
    common, rare, very_common = [], [], []
    for lang in LANGUAGES:
        share = {w: n / SAMPLE for w, n in counts[lang].items()}
        common.append(sorted((w for w, s in share.items() if 0.15 <= s <= 0.45 and w not in skeleton), key=share.get))
        # Half of the rare words from the environmental terms, half from names (villages, organisations).
        rare_words = sorted(w for w, s in share.items() if s <= 0.003 and len(w) >= 4 and w not in skeleton)
        terms = [w for w in rare_words if w in vocabulary]
        names = [w for w in rare_words if w not in vocabulary]
        rare.append(rng.sample(terms, min(len(terms), 9)) + rng.sample(names, min(len(names), 8)))
        very_common.append(
            sorted((w for w, s in share.items() if s >= 0.5 and len(w) >= 4 and w not in CONJUNCTIONS), key=share.get)
        )
    pairs = []
    for column in range(3):  # en, ru, kk as in CONCEPTS
        found = set()
        for concept in CONCEPTS[:30]:
            for form in concept[column].split("|"):
                tokens = words(form)
                found |= {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False) if a not in {"the", "in"}}
        pairs.append(sorted(found))
        rng.shuffle(pairs[-1])
    generator = Generator(SEED)
    commons = interleave(common, PER_CLASS)
    return {
        "common word": [{"q": w} for w in commons],
        "rare word": [{"q": w} for w in interleave(rare, PER_CLASS)],
        "two words": [{"q": p} for p in interleave(pairs, PER_CLASS)],
        "faceted": [{"q": w, **FACETS[n % len(FACETS)]} for n, w in enumerate(reversed(commons))],
        "very common word": [{"q": w} for w in interleave(very_common, PER_CLASS)],
        # One in ten without any filter: the landing page.
        "no query, facets": [dict(FACETS[n % len(FACETS)]) for n in range(PER_CLASS - max(1, PER_CLASS // 10))]
        + [{}] * max(1, PER_CLASS // 10),
        "identifier": [{"q": generator.identifier(rng.randrange(total))} for _ in range(PER_CLASS)],
    }


def ranked_page(filters) -> tuple[list[int], int]:
    """The bare search: one page of ranked ids and the number of matches, as the page gets them, nothing else.

    The same steps as `selectors.project_search` (the query's matches, the facet selections from the in-memory
    copy, the ranking window), without its facets, totals, rows and cache.
    """
    from ecodialogue.projectdb.search import facet_snapshot
    from ecodialogue.projectdb.selectors import _matches, _page_ids

    snapshot = facet_snapshot.current()
    with search_counting():
        matches = _matches(snapshot, filters)
    ids = _page_ids(filters, snapshot, matches, by_name=False, limit=20, offset=0)
    return ids, int(snapshot.matching(filters, matches).sum())


def search_counting():
    from ecodialogue.projectdb import search

    return search.counting()


def measure_search(total: int) -> tuple[dict, list]:
    """Time every query of every class both ways; per class p50/p95/max and the matches; the slowest queries."""
    from django.core.cache import cache
    from django.utils import translation

    from ecodialogue.projectdb.selectors import parse_filters, project_search

    classes = query_classes(total)
    translation.activate("kk")
    for queries in classes.values():  # warm up: the first connection, codelists, translations
        for data in queries[:2]:
            project_search(parse_filters(data), page=1)
            ranked_page(parse_filters(data))
    results, timings = {}, []
    for name, queries in classes.items():
        page_ms, ranked_ms, matches = [], [], []
        for data in queries:
            filters = parse_filters(data)
            cache.clear()
            started = time.perf_counter()
            page = project_search(filters, page=1)
            page_ms.append((time.perf_counter() - started) * 1000)
            cache.clear()
            started = time.perf_counter()
            _ids, count = ranked_page(filters)
            ranked_ms.append((time.perf_counter() - started) * 1000)
            matches.append(page.total)
            timings.append(
                {"class": name, "query": _label(data), "ms": page_ms[-1], "matches": page.total, "count": count}
            )
        median = int(statistics.median(matches))
        results[name] = {
            "queries": len(queries),
            "matches_median": median,
            "matches_share_median": median / total,
            "matches_min": min(matches),
            "matches_max": max(matches),
            "project_search_ms": _percentiles(page_ms),
            "ranked_ms": _percentiles(ranked_ms),
            "each": [t for t in timings if t["class"] == name],
        }
    slowest = sorted(timings, key=lambda t: -t["ms"])[:8]
    return results, [{"query": f"[{t['class']}] {t['query']}", "ms": round(t["ms"], 1)} for t in slowest]


def _label(data: dict) -> str:
    parts = [f"q={data['q']!r}"] if data.get("q") else []
    parts += [f"{k}={v}" for k, v in data.items() if k != "q"]
    return " ".join(parts) or "(no filter)"


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)

    def rank(fraction: float) -> float:
        # Nearest rank: the p95 of 50 timings is the 48th, a real timing, never an interpolation.
        return ordered[min(len(ordered) - 1, max(0, -int(-fraction * len(ordered) // 1) - 1))]

    return {"p50": round(rank(0.5), 2), "p95": round(rank(0.95), 2), "max": round(ordered[-1], 2)}
