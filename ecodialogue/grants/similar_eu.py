"""Each pilot project against the project database: the most similar existing projects funded by the EU.

The seed call's rule: pilot projects supported now or before by another
European Union programme are not eligible. Staff who screen an application
see, for each pilot project, the three most similar EU-funded projects of the
project database (`projectdb.similar.similar_projects`) as an information
finding — a lead to check by hand, never a decision. Applicants do not see it.

`similar_eu_findings` is the pure part. `application_similar_eu` runs the
search once per pilot and caches the answer: a submitted pilot no longer
changes, and the key also holds the pilot's version and a stamp of the
project database, so an edit on either side asks again.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.findings import Finding, Severity

CODE = "pilot.similar_eu_projects"
LIMIT = 3
CACHE_SECONDS = 24 * 3600
# The call's own EU-funded programme (the EcoDialogue project and its call) is in the database too, and is
# similar to every pilot it funds: it is not "another EU programme", so it is left out. The setting names
# its identifiers; the default ones are those of the demo data.
OWN_PROGRAMME_DEFAULT = ("KZ-ECODIALOGUE-DEMO-011", "KZ-ECODIALOGUE-DEMO-012")

MESSAGE = _(
    "Similar projects funded by the European Union: %(projects)s. Check that the pilot project is not "
    "already supported by another EU programme."
)


def project_title(project) -> str:
    """The project's title in the active language, else in another one, else its identifier."""
    language = (get_language() or "kk")[:2]
    return getattr(project, f"title_{language}", "") or project.title or project.identifier


def similar_eu_findings(similar, *, subject: str = "") -> list[Finding]:
    """One information finding naming the similar EU-funded projects (best first); none when there are none.

    `similar`: objects with `.project` (a Project) and `.score`, as `similar_projects` returns them.
    """
    if not similar:
        return []
    named = "; ".join(
        f"«{project_title(s.project)}» ({s.project.identifier}, {number_format(s.score, 2)})" for s in similar
    )
    return [Finding(CODE, Severity.INFO, MESSAGE, {"projects": named}, subject)]


def own_programme() -> set[str]:
    return set(getattr(settings, "GRANTS_OWN_PROGRAMME_PROJECTS", OWN_PROGRAMME_DEFAULT))


def pilot_text(pilot) -> str:
    """What a pilot project is about, as the search reads it."""
    return "\n".join(t for t in (pilot.title, pilot.problem, pilot.goals, pilot.expected_results) if t)


@dataclass(frozen=True)
class Similar:
    project: object  # a projectdb Project, list columns only
    score: float

    @property
    def title(self) -> str:
        return project_title(self.project)


def _database_stamp() -> str:
    # The number of the latest change of any project (saves and deletions): one lookup.
    from ecodialogue.projectdb.search.facet_snapshot import stamp

    return stamp()


def _projects():
    from ecodialogue.projectdb.models import Project

    return Project.objects


def _search(pilot, language: str, excluded: set[str]) -> list[tuple[int, float]]:
    from ecodialogue.projectdb.similar import similar_projects

    found = similar_projects(pilot_text(pilot), language, limit=LIMIT + len(excluded), eu_funded_only=True)
    return [(s.project.pk, float(s.score)) for s in found if s.project.identifier not in excluded][:LIMIT]


def application_similar_eu(application) -> list[dict]:
    """For each pilot project: its number, the similar EU-funded projects and the information finding."""
    pilots = list(application.pilots.all())
    if not pilots:
        return []
    language = application.language
    excluded = own_programme()
    stamp = _database_stamp()
    found: dict[int, list[tuple[int, float]]] = {}
    for pilot in pilots:
        key = f"grants:similar-eu:v1:{pilot.pk}:{pilot.version}:{language}:{stamp}"
        answer = cache.get(key)
        if answer is None:
            answer = _search(pilot, language, excluded)
            cache.set(key, answer, CACHE_SECONDS)
        found[pilot.pk] = answer
    wanted = {pk for answer in found.values() for pk, _score in answer}
    projects = _projects().only("pk", "identifier", "title", "title_kk", "title_ru", "title_en").in_bulk(wanted)
    rows = []
    for number, pilot in enumerate(pilots, start=1):
        similar = [Similar(projects[pk], score) for pk, score in found[pilot.pk] if pk in projects]
        rows.append(
            {
                "number": number,
                "pilot": pilot,
                "similar": similar,
                "findings": similar_eu_findings(similar, subject=f"pilot:{pilot.pk}"),
            }
        )
    return rows
