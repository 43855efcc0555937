import datetime

from django.core.cache import cache
from django.http import Http404, HttpResponse
from ninja import Query, Router, Schema

from . import selectors
from .models import Organization

router = Router(tags=["organisations"])

MAX_PAGE_SIZE = 100


class SettlementOut(Schema):
    code: str
    name_kk: str
    name_ru: str
    level: str
    label: str
    region_code: str | None


class ThemeOut(Schema):
    slug: str
    name: str


class OrganizationOut(Schema):
    """Public fields only: no people, no certificate, no private contacts."""

    id: int
    kind: str
    kind_label: str
    name: str
    name_kk: str
    name_ru: str
    name_en: str
    short_name: str
    bin: str | None
    country: str
    legal_form: str | None
    region: SettlementOut | None
    settlement: SettlementOut | None
    themes: list[ThemeOut]
    verified: bool
    network_member: bool
    network_member_since: datetime.date | None
    url: str


class OrganizationDetailOut(OrganizationOut):
    registration_date: datetime.date | None
    address: str
    website: str
    public_email: str
    public_phone: str
    description: str


class OrganizationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[OrganizationOut]


class OrganizationFilters(Schema):
    q: str = ""
    kind: list[Organization.Kind] = []
    region: str | None = None
    theme: str | None = None
    network: bool | None = None
    verified: bool | None = None
    page: int = 1
    page_size: int = 20


def _settlement(settlement) -> dict | None:
    if settlement is None:
        return None
    return {
        "code": settlement.code,
        "name_kk": settlement.name_kk,
        "name_ru": settlement.name_ru,
        "level": settlement.level,
        "label": settlement.label,
        "region_code": settlement.region_id,
    }


def _organization(org: Organization, *, detail: bool = False) -> dict:
    data = {
        "id": org.pk,
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "name": org.name,
        "name_kk": org.name_kk or "",
        "name_ru": org.name_ru or "",
        "name_en": org.name_en or "",
        "short_name": org.short_name or "",
        "bin": org.bin,
        "country": org.country,
        "legal_form": org.legal_form.name if org.legal_form else None,
        "region": _settlement(org.settlement.region if org.settlement_id else None) if org.settlement_id else None,
        "settlement": _settlement(org.settlement),
        "themes": [{"slug": t.slug, "name": t.name} for t in org.themes.all()],
        "verified": org.is_verified,
        "network_member": org.is_network_member,
        "network_member_since": org.network_member_since,
        "url": org.get_absolute_url(),
    }
    if detail:
        data |= {
            "registration_date": org.registration_date,
            "address": org.address,
            "website": org.website,
            "public_email": org.public_email,
            "public_phone": org.public_phone,
            "description": org.description or "",
        }
    return data


@router.get("/organizations", response=OrganizationPage, summary="Search the organisations directory")
def organization_list(request, filters: Query[OrganizationFilters]):
    page_size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    wanted = {
        "q": filters.q,
        "kinds": [k.value for k in filters.kind] or None,
        # PostgreSQL refuses NUL in any string; no code or slug contains one.
        "region": filters.region.replace("\x00", "") if filters.region else filters.region,
        "theme": filters.theme.replace("\x00", "") if filters.theme else filters.theme,
        "network_member": filters.network,
        "verified": filters.verified,
    }
    # Same for every client: serialised once per query and language until an organisation changes.
    key = "api:" + selectors.directory_results_key({**wanted, "page_size": page_size}, str(filters.page))
    body = cache.get(key)
    if body is None:
        queryset = selectors.organization_list(**wanted).select_related("settlement__region")
        page = selectors.paginate(queryset, filters.page, page_size)
        data = {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [_organization(org) for org in page.object_list],
        }
        body = OrganizationPage.model_validate(data).model_dump_json()
        cache.set(key, body, selectors.RESULTS_TIMEOUT)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get("/organizations/{organization_id}", response=OrganizationDetailOut, summary="One organisation")
def organization_detail(request, organization_id: int):
    org = selectors.organization_list().select_related("settlement__region").filter(pk=organization_id).first()
    if org is None:
        raise Http404
    return _organization(org, detail=True)


@router.get("/settlements", response=list[SettlementOut], summary="Search settlements (KATO) by name or code")
def settlement_search(request, q: str, limit: int = 20):
    return [
        _settlement(s) for s in selectors.settlement_search(q, limit=max(1, min(limit, 50))).select_related("region")
    ]
