"""A call's funded pilots as IATI 2.03 activities: what lets other databases show the platform's grants.

One `iati-activity` per public pilot (its agreement signed, in implementation
or closed). The grant-maker reports; the European Union funds, the
grant-maker extends the funds and the NGO implements. Elements follow the
order of the 2.03 schema (`iati-activities-schema.xsd`), which validates the
output in the tests. Codes come from the IATI codelists
(`../shared/data/iati/codelists/`):

- OrganisationType: 22 national NGO, 21 international NGO, 11 local
  government, 15 other public sector (how EC INTPA publishes itself), 90 other.
- OrganisationRole: 1 funding, 3 extending, 4 implementing.
- ActivityStatus: 2 implementation, 3 finalisation (the pilot's period is
  over, the agreement not closed yet), 4 closed (every report approved and
  every tranche paid: what closing an agreement requires).
- ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
- TransactionType: 2 outgoing commitment (at signature), 3 disbursement (a
  tranche's payment).
- Sector (vocabulary 1, DAC 5-digit): from the pilot's themes, else 41010.

Money is the agreement's: each pilot gets the agreement's amount and each
payment split in proportion to the pilot's approved budget, to the cent, so
the pilots' transactions add up exactly to the agreement and the payment.
"""

import datetime
import re
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal

import lxml.etree as etree
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from ecodialogue.core.charts import whole_percentages
from ecodialogue.grants.models import Call
from ecodialogue.organizations.models import Organization

from .models import Agreement, AgreementTransition, PilotPlan, Tranche
from .public_selectors import public_plans

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"
CENT = Decimal("0.01")
LANGUAGES = ("kk", "ru", "en")

# The funder of the seed call: the European Union, as its Directorate-General INTPA publishes itself to IATI.
EU_REF = "XI-IATI-EC_INTPA"
EU_TYPE = "15"
EU_NAMES = {"en": "European Union", "ru": "Европейский союз", "kk": "Еуропалық Одақ"}

# Organisation kinds of the platform → IATI OrganisationType. A grant-maker
# in Kazakhstan is a national NGO (a public fund or association).
ORGANISATION_TYPES = {
    Organization.Kind.NGO: "22",
    Organization.Kind.INITIATIVE_GROUP: "22",
    Organization.Kind.GRANT_MAKER: "22",
    Organization.Kind.AKIMAT: "11",
    Organization.Kind.MASLIKHAT: "11",
}
OTHER_TYPE = "90"

# Themes of the platform → DAC 5-digit purpose codes; themes without a close code fall to 41010.
THEME_SECTORS = {
    "waste-management": "14050",  # Waste management/disposal
    "water": "14015",  # Water resources conservation
    "air-quality": "41020",  # Biosphere protection (air pollution control)
    "biodiversity": "41030",  # Biodiversity
    "energy-efficiency": "23183",  # Energy conservation and demand-side efficiency
    "renewable-energy": "23210",  # Energy generation, renewable sources
    "environmental-education": "41081",  # Environmental education/training
    "public-participation": "15150",  # Democratic participation and civil society
    "sustainable-agriculture": "31130",  # Agricultural land resources
}
DEFAULT_SECTOR = "41010"  # Environmental policy and administrative management

ACTIVE, FINALISATION, CLOSED = "2", "3", "4"
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
COMMITMENT, DISBURSEMENT = "2", "3"


def organisation_ref(organization: Organization) -> str:
    """An organisation's identifier: `KZ-BIN-<BIN>` (org-id.guide's prefix for Kazakhstan's register), or ""."""
    return f"KZ-BIN-{organization.bin}" if organization.bin else ""


def organisation_type(organization: Organization) -> str:
    if organization.kind == Organization.Kind.NGO and organization.country != "KZ":
        return "21"
    return ORGANISATION_TYPES.get(organization.kind, OTHER_TYPE)


def reporting_ref(grant_maker: Organization) -> str:
    """The grant-maker's identifier; without a BIN (a foreign grant-maker), the platform's setting."""
    return organisation_ref(grant_maker) or (settings.IATI_REPORTING_ORG_REF or f"ECODIALOGUE-ORG-{grant_maker.pk}")


def split(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` in cents in proportion to `weights`, adding up exactly (largest remainder; equal if all are 0)."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [Decimal(1)] * len(weights)
    total = sum(weights)
    cents = int((amount / CENT).to_integral_value())
    exact = [Decimal(cents) * w / total for w in weights]
    shares = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[: cents - sum(shares)]:
        shares[i] += 1
    return [Decimal(s) * CENT for s in shares]


def sectors(theme_slugs: list[str]) -> list[tuple[str, int]]:
    """DAC codes of the pilot's themes with percentages adding up to 100; 41010 when none maps."""
    codes = sorted({THEME_SECTORS.get(slug, DEFAULT_SECTOR) for slug in theme_slugs}) or [DEFAULT_SECTOR]
    return list(zip(codes, whole_percentages([1] * len(codes)), strict=True))


def activity_status(agreement: Agreement, plan: PilotPlan, today: datetime.date) -> str:
    if agreement.status == Agreement.Status.CLOSED:
        return CLOSED
    if plan.ends_on and plan.ends_on < today:
        return FINALISATION
    return ACTIVE


# --- Building the XML ---------------------------------------------------------------------------


# Characters XML 1.0 cannot carry; a title typed with one must not break the whole call's file.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value) -> str:
    return NOT_XML.sub("", str(value))


def _el(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): _xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def _narratives(parent, texts: dict[str, str]) -> None:
    """One narrative per language that has a text; an empty text is written once, so the element stays valid."""
    written = False
    for language in LANGUAGES:
        if texts.get(language):
            _el(parent, "narrative", texts[language]).set(XML_LANG, language)
            written = True
    if not written:
        _el(parent, "narrative", "")


def _names(organization: Organization) -> dict[str, str]:
    """The organisation's name in each language it is written in."""
    names = {language: getattr(organization, f"name_{language}", "") or "" for language in LANGUAGES}
    return names if any(names.values()) else {settings.LANGUAGE_CODE: organization.name}


def _org(parent, tag: str, organization: Organization, **attributes):
    ref = organisation_ref(organization)
    element = _el(parent, tag, **({"ref": ref} if ref else {}), type=organisation_type(organization), **attributes)
    _narratives(element, _names(organization))
    return element


def _value(parent, amount: Decimal, currency: str, on: datetime.date):
    return _el(parent, "value", f"{amount:.2f}", currency=currency, value_date=on.isoformat())


def _public_url(plan: PilotPlan, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("implementation:pilot-public", args=[plan.pk])


def _activity(root, plan: PilotPlan, context: dict) -> None:
    agreement: Agreement = plan.agreement
    call: Call = agreement.call
    grant_maker = call.grant_maker
    language = plan.pilot.application.language or settings.LANGUAGE_CODE
    currency = agreement.currency
    signed_on = agreement.signed_on or agreement.starts_on or context["today"]
    starts_on = plan.starts_on or agreement.starts_on or signed_on
    ends_on = plan.ends_on or agreement.ends_on or starts_on
    identifier = f"{context['reporting_ref']}-{agreement.number}-{plan.position + 1}"
    activity = _el(
        root, "iati-activity", default_currency=currency, last_updated_datetime=_instant(agreement.updated_at)
    )
    activity.set(XML_LANG, language)
    _el(activity, "iati-identifier", identifier)
    reporting = _el(activity, "reporting-org", ref=context["reporting_ref"], type=organisation_type(grant_maker))
    _narratives(reporting, _names(grant_maker))
    _narratives(_el(activity, "title"), {language: plan.title})
    _narratives(_el(activity, "description", type="1"), {language: plan.summary or plan.title})

    _narratives(_el(activity, "participating-org", ref=EU_REF, type=EU_TYPE, role="1"), EU_NAMES)
    extending = _el(
        activity, "participating-org", ref=context["reporting_ref"], type=organisation_type(grant_maker), role="3"
    )
    _narratives(extending, _names(grant_maker))
    _org(activity, "participating-org", plan.organization, role="4")

    _el(activity, "activity-status", code=activity_status(agreement, plan, context["today"]))
    _el(activity, "activity-date", type=PLANNED_START, iso_date=starts_on.isoformat())
    if starts_on <= context["today"]:
        _el(activity, "activity-date", type=ACTUAL_START, iso_date=starts_on.isoformat())
    _el(activity, "activity-date", type=PLANNED_END, iso_date=ends_on.isoformat())
    actual_end = _actual_end(agreement, ends_on, context)
    if actual_end is not None:
        _el(activity, "activity-date", type=ACTUAL_END, iso_date=actual_end.isoformat())

    settlement = plan.settlement
    if settlement is not None:
        _el(activity, "activity-scope", code="8")  # a single location
    _el(activity, "recipient-country", code="KZ", percentage="100")
    if settlement is not None:
        location = _el(activity, "location", ref=f"KATO-{settlement.code}")
        _el(location, "location-reach", code="1")  # where the activity happens
        _narratives(_el(location, "name"), {"kk": settlement.label_kk, "ru": settlement.label_ru})
        if settlement.latitude is not None and settlement.longitude is not None:
            point = _el(location, "point", srsName=WGS84)
            _el(point, "pos", f"{settlement.latitude:f} {settlement.longitude:f}")
            _el(location, "exactness", code="2")  # the settlement's centre, not the site itself
        # 2 a populated place; 1 a district or region chosen as the place.
        _el(location, "location-class", code="2" if settlement.level == settlement.Level.SETTLEMENT else "1")
    for code, percent in sectors([t.slug for t in plan.pilot.themes.all()]):
        _el(activity, "sector", vocabulary="1", code=code, percentage=str(percent))
    _el(activity, "default-flow-type", code="10")  # ODA
    _el(activity, "default-finance-type", code="110")  # standard grant
    _el(activity, "default-aid-type", code="C01", vocabulary="1")  # project-type intervention

    budget = _el(activity, "budget", type="1", status="2")  # original, committed
    _el(budget, "period-start", iso_date=starts_on.isoformat())
    _el(budget, "period-end", iso_date=ends_on.isoformat())
    _value(budget, plan.budget_total, currency, signed_on)

    share = context["shares"][plan.pk]
    if share["commitment"] > 0:
        _transaction(activity, f"{identifier}-C", COMMITMENT, signed_on, share["commitment"], currency, plan, context)
    for position, paid_on, amount in share["disbursements"]:
        if amount > 0:
            _transaction(activity, f"{identifier}-T{position}", DISBURSEMENT, paid_on, amount, currency, plan, context)

    if settings.SITE_URL:
        link = _el(activity, "document-link", url=_public_url(plan, language), format="text/html")
        _narratives(_el(link, "title"), {language: plan.title})
        _el(link, "category", code="A12")  # activity web page
        _el(link, "language", code=language)


def _transaction(activity, ref, kind, on, amount, currency, plan, context) -> None:
    transaction = _el(activity, "transaction", ref=ref)
    _el(transaction, "transaction-type", code=kind)
    _el(transaction, "transaction-date", iso_date=on.isoformat())
    _value(transaction, amount, currency, on)
    grant_maker = plan.agreement.call.grant_maker
    provider = _el(transaction, "provider-org", ref=context["reporting_ref"], type=organisation_type(grant_maker))
    _narratives(provider, _names(grant_maker))
    _org(transaction, "receiver-org", plan.organization)


def _actual_end(agreement: Agreement, ends_on: datetime.date, context: dict) -> datetime.date | None:
    """The pilot ended: its period is over, or the agreement was closed (whichever came first)."""
    closed_on = context["closed_on"].get(agreement.pk)
    candidates = [d for d in (closed_on, ends_on if ends_on < context["today"] else None) if d]
    return min(candidates) if candidates else None


def _instant(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat()


def _shares(plans: list[PilotPlan]) -> dict[int, dict]:
    """Each pilot's part of its agreement's amount and of each payment, in proportion to its budget."""
    by_agreement: dict[int, list[PilotPlan]] = defaultdict(list)
    for plan in plans:
        by_agreement[plan.agreement_id].append(plan)
    shares: dict[int, dict] = {}
    for members in by_agreement.values():
        agreement = members[0].agreement
        weights = [p.budget_total for p in members]
        commitments = split(agreement.amount, weights)
        for plan, commitment in zip(members, commitments, strict=True):
            shares[plan.pk] = {"commitment": commitment, "disbursements": []}
        for tranche in agreement.tranches.all():
            payment = getattr(tranche, "payment", None)
            if payment is None:
                continue
            for plan, amount in zip(members, split(payment.amount, weights), strict=True):
                shares[plan.pk]["disbursements"].append((tranche.position, payment.paid_on, amount))
    return shares


def call_activities_xml(call: Call) -> bytes:
    """The call's public pilots as an `iati-activities` document (UTF-8, with the XML declaration)."""
    plans = list(
        public_plans()
        .filter(agreement__call=call)
        .select_related("agreement__call__grant_maker", "organization", "settlement", "pilot__application")
        .prefetch_related(
            "pilot__themes",
            Prefetch("agreement__tranches", queryset=Tranche.objects.select_related("payment").order_by("position")),
        )
        .order_by("agreement__number", "position", "id")
    )
    generated = timezone.now()
    closed_on = {
        t.agreement_id: timezone.localdate(t.created_at)
        for t in AgreementTransition.objects.filter(
            agreement_id__in={p.agreement_id for p in plans}, to_status=Agreement.Status.CLOSED
        )
    }
    context = {
        "today": timezone.localdate(),
        "generated": generated,
        "reporting_ref": reporting_ref(call.grant_maker),
        "closed_on": closed_on,
        "shares": _shares(plans),
    }
    root = etree.Element("iati-activities", {"version": VERSION, "generated-datetime": _instant(generated)})
    for plan in plans:
        _activity(root, plan, context)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
