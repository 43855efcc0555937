"""The awards of a published decision in the 360Giving data standard: organisations, pilot projects and
places, never a person. Read by the public results exports (grants/decision_views.py).
"""

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Application, Award, Call, ConsortiumMember, Decision, Pilot


def amount(value: Decimal) -> int | float:
    """Money as a JSON number, as 360Giving asks: 11000, 10500.5."""
    return int(value) if value == value.to_integral_value() else float(value)


# --- The public's awards (360Giving) -----------------------------------------

# 360Giving asks each publisher for a registered prefix (360G-…); until the grant-maker has one, grants
# and organisations without a BIN are named under the platform's.
PREFIX = "360G-ecodialogue"


def organization_identifier(organization) -> str:
    """KZ-BIN-<BIN> (the org-id.guide scheme of Kazakhstan's business identification numbers)."""
    if organization.bin:
        return f"KZ-BIN-{organization.bin}"
    return f"{PREFIX}-org-{organization.pk}"


def published_awards(decision: Decision) -> list[Award]:
    """The awards with their consortium's lead, accepted members and pilot projects: four queries."""
    members = ConsortiumMember.objects.filter(status=ConsortiumMember.Status.ACCEPTED).select_related("organization")
    return list(
        Award.objects.filter(decision=decision)
        .select_related("application__consortium__lead")
        .prefetch_related(
            Prefetch("application__consortium__members", queryset=members.order_by("-is_lead", "invited_at", "id")),
            Prefetch(
                "application__pilots", queryset=Pilot.objects.select_related("settlement").order_by("position", "id")
            ),
        )
        .order_by("rank")
    )


def _locations(application: Application) -> list:
    seen, places = set(), []
    for pilot in application.pilots.all():
        if pilot.settlement_id and pilot.settlement_id not in seen:
            seen.add(pilot.settlement_id)
            places.append(pilot.settlement)
    return places


def grant_records(
    call: Call, decision: Decision, awards: Iterable[Award], *, absolute: Callable[[str], str], source: str
) -> list[dict]:
    """Each award as a 360Giving grant (the nested JSON form of the standard), in the active language."""
    funder = {"id": organization_identifier(call.grant_maker), "name": call.grant_maker.name}
    programme = {"code": call.code, "title": call.title, "url": absolute(call.get_absolute_url())}
    modified = (decision.published_at or decision.recorded_at).isoformat()
    records = []
    for award in awards:
        application = award.application
        lead = application.consortium.lead
        members = [m.organization.name for m in application.consortium.members.all()]
        pilots = [
            f"{p.title} ({p.settlement.label})" if p.settlement_id else p.title
            for p in application.pilots.all()
            if p.title
        ]
        title = _("%(call)s: consortium led by %(lead)s") % {"call": call.title, "lead": lead.name}
        description = _("Pilot projects: %(pilots)s. Consortium members: %(members)s.") % {
            "pilots": "; ".join(pilots) or "—",
            "members": "; ".join(members),
        }
        records.append(
            {
                "id": f"{PREFIX}-{application.number or application.pk}",
                "title": title[:140],
                "description": description,
                "currency": call.currency,
                "amountAppliedFor": amount(application.total_amount),
                "amountAwarded": amount(award.amount),
                "awardDate": decision.decided_on.isoformat(),
                "recipientOrganization": [{"id": organization_identifier(lead), "name": lead.name}],
                "fundingOrganization": [funder],
                "beneficiaryLocation": [
                    {"name": place.label or place.name, "geoCode": place.code, "countryCode": "KZ"}
                    for place in _locations(application)
                ],
                "grantProgramme": [programme],
                "fromOpenCall": "Yes",
                "dateModified": modified,
                "dataSource": source,
            }
        )
    return records


GRANT_COLUMNS = [
    # (column title of the 360Giving spreadsheet template, how to read it from a grant record)
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Applied For", lambda g: g["amountAppliedFor"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("Grant Programme:URL", lambda g: g["grantProgramme"][0]["url"]),
    ("From An Open Call?", lambda g: g["fromOpenCall"]),
    ("Last Modified", lambda g: g["dateModified"]),
    ("Data Source", lambda g: g["dataSource"]),
]
LOCATION_FIELDS = [("Name", "name"), ("Geographic Code", "geoCode"), ("Country Code", "countryCode")]


def grant_sheet(records: list[dict]) -> tuple[list[str], list[list]]:
    """The grants flattened under the standard's column titles, one row a grant.

    A consortium's pilot projects lie in several places: the first is "Beneficiary Location:Name", the
    next "Beneficiary Location:1:Name" and so on, as the standard's flattening numbers repeated objects.
    """
    places = max((len(g["beneficiaryLocation"]) for g in records), default=1) or 1
    location_titles = [
        f"Beneficiary Location:{title}" if index == 0 else f"Beneficiary Location:{index}:{title}"
        for index in range(places)
        for title, _key in LOCATION_FIELDS
    ]
    header = [title for title, _read in GRANT_COLUMNS[:11]] + location_titles
    header += [title for title, _read in GRANT_COLUMNS[11:]]
    rows = []
    for grant in records:
        located = []
        for index in range(places):
            place = grant["beneficiaryLocation"][index] if index < len(grant["beneficiaryLocation"]) else {}
            located += [place.get(key, "") for _title, key in LOCATION_FIELDS]
        rows.append(
            [read(grant) for _title, read in GRANT_COLUMNS[:11]]
            + located
            + [read(grant) for _title, read in GRANT_COLUMNS[11:]]
        )
    return header, rows
