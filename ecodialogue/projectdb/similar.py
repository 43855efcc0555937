"""Projects like a text: what the grants' screening shows staff next to a pilot project.

`similar_projects(text, language)` takes the text's significant words —
every word of three letters or more that is not a number nor a stop word of
Kazakh, Russian or English (`search/stopwords.py`), the most frequent
first, at most MAX_WORDS — and asks the search engine for the projects
matching ANY of them (each word in all its stems, as the search box does),
ranked by the engine (bm25 on SQLite, ts_rank on PostgreSQL). Of the best
candidates, the score is the share of the text's words the project holds
(0–1), so it reads the same on both engines; `matched` lists those words.
A project holding less than MIN_SCORE of them is not returned.

`eu_funded_only` keeps projects with an EU institution among the funders
(participating organisation, role 1, `ProjectOrganisation.is_eu`): a pilot
already supported by another EU programme is not eligible for the call.
"""

from collections import Counter
from dataclasses import dataclass, field

from . import search
from .models import Project, ProjectOrganisation
from .search import stopwords, texts

MAX_WORDS = 24
MIN_LENGTH = 3
# Candidates the engine ranks for each project returned: the score then reorders them.
CANDIDATES = 4
# The least share of the text's words a project must hold to be called similar. One common word shared
# with a pilot's two dozen ("water", "region") is chance, and staff would read it as a finding to check.
MIN_SCORE = 0.15


@dataclass
class SimilarProject:
    project: Project
    score: float  # the share of the text's significant words found in the project, 0–1
    matched: list[str] = field(default_factory=list)  # those words, as they appear in the text


def significant_words(text: str, language: str = "") -> list[str]:
    """The words of a text that say what it is about, most frequent first (ties: first seen)."""
    stops = stopwords.CYRILLIC | stopwords.LATIN | stopwords.BY_LANGUAGE.get(language, frozenset())
    counts = Counter(w for w in texts.words(text) if len(w) >= MIN_LENGTH and not w.isdigit() and w not in stops)
    return [w for w, _n in counts.most_common(MAX_WORDS)]


def _tokens_of(record: dict) -> set[str]:
    """Every token the record is indexed under (as SQLite indexes it), plus its words as written."""
    found = texts.collect(record)
    tokens = set(found.exact)
    for part in (found.title, found.body):
        for language, words in part.items():
            for word in words:
                tokens.add(word)
                tokens.update(texts.index_stems(word, language))
    return tokens


def _eu_funded_sql() -> tuple[str, list]:
    table = ProjectOrganisation._meta.db_table
    return f"SELECT project_id AS id FROM {table} WHERE role = %s AND is_eu = %s", ["1", True]  # noqa: S608


def similar_projects(text: str, language: str, *, limit: int = 5, eu_funded_only: bool = False) -> list[SimilarProject]:
    """The projects most like the text, best first; [] for a text without significant words."""
    words = significant_words(text, language)
    if not words:
        return []
    within = _eu_funded_sql() if eu_funded_only else None
    ranked = search.scored_any(words, within_sql=within, limit=limit * CANDIDATES)
    projects = Project.objects.in_bulk([pk for pk, _score in ranked])
    found = []
    for position, (pk, _score) in enumerate(ranked):
        project = projects.get(pk)
        if project is None:
            continue
        tokens = _tokens_of(project.record)
        matched = [w for w in words if tokens.intersection(texts.query_stems(w))]
        if matched and len(matched) / len(words) >= MIN_SCORE:
            found.append((len(matched) / len(words), position, SimilarProject(project, 0.0, matched)))
    found.sort(key=lambda item: (-item[0], item[1]))
    result = []
    for score, _position, similar in found[:limit]:
        similar.score = round(score, 4)
        result.append(similar)
    return result
