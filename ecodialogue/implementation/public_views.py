"""Public results, for anyone: a funded pilot's page, a call's impact dashboard, their figures and IATI.

Thin: the reads are `public_selectors` (plain data, cached under a version
read in one query), the pages only arrange them. A pilot that is not public
(its agreement a draft or terminated, its call's decision unpublished) does
not exist here: 404. The HTML pages carry the signed-in person's menu and a
CSRF token, so they are not marked for shared caches; the downloads, the
same for everyone, are (`Cache-Control: public, max-age=300`).
"""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ecodialogue.core import charts, tables
from ecodialogue.grants import permissions as grants_perms

from . import iati
from . import public_selectors as selectors

PUBLIC_CACHE = "public, max-age=300"
FILE_TYPES = {
    "pdf": ("application/pdf", "pdf", True),
    "png": ("image/png", "png", True),
    "jpeg": ("image/jpeg", "jpg", True),
    # Word documents are never opened by the browser itself.
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", False),
}


def _point(pilot: dict) -> dict | None:
    settlement = pilot["settlement"]
    if not settlement or settlement["latitude"] is None:
        return None
    return {
        "lat": float(settlement["latitude"]),
        "lon": float(settlement["longitude"]),
        "title": f"{pilot['title']} — {settlement['label']}",
        "url": reverse("implementation:pilot-public", args=[pilot["id"]]),
    }


def _spending_chart(rows: list[dict], currency: str):
    return charts.grouped_bar_chart(
        [row["category"] for row in rows],
        [(_("Approved"), [row["approved"] for row in rows]), (_("Spent"), [row["spent"] for row in rows])],
        title=_("Approved budget and spending per category"),
        unit=currency,
    )


def _page(request, key: str, template: str, build) -> dict | None:
    """The page's title and content, rendered once per version of its figures and language.

    Measured: rendering the charts, map and tables costs several times the
    page's queries; the page around it (menu, language switch) stays per
    person. None (not public) is cached too.
    """

    def render_once():
        context = build()
        if context is None:
            return None
        return {"title": context["title"], "html": render_to_string(template, context, request=request)}

    page = selectors.cached_html(key, render_once)
    if page is None:
        return None
    # Our own template's output, escaped when it was rendered.
    return {"title": page["title"], "body": mark_safe(page["html"])}  # noqa: S308


def pilot_public(request, pk: int):
    version = selectors.pilot_version(pk)

    def context():
        pilot = selectors.cached_pilot_public_data(pk, version=version)
        if pilot is None:
            return None
        point = _point(pilot)
        return {
            "title": pilot["title"],
            "pilot": pilot,
            "points": [point] if point else [],
            "spending_chart": _spending_chart(pilot["budget"], pilot["currency"]),
            "materials": [o for o in pilot["outputs"] if o["kind"] == "material"],
            "photos": [o for o in pilot["outputs"] if o["kind"] == "photo"],
        }

    page = _page(request, f"pilot:{pk}:{version}", "implementation/_public_pilot_body.html", context)
    if page is None:
        raise Http404
    return render(request, "implementation/public_pilot.html", page)


def public_output_file(request, pk: int, output_pk: int):
    """A public output of a public pilot; anything else does not exist here."""
    output = selectors.public_output(pk, output_pk)
    if output is None or output.file_type not in FILE_TYPES:
        raise Http404
    content_type, extension, inline = FILE_TYPES[output.file_type]
    # Named after its title, not the uploaded file's name (which may name a person).
    name = f"{slugify(output.title, allow_unicode=True)[:80] or 'material'}.{extension}"
    response = FileResponse(output.file.open("rb"), as_attachment=not inline, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PUBLIC_CACHE
    return response


def _impact(request, code: str) -> tuple:
    call = grants_perms.get_call_for_user(request.user, code)
    data = selectors.cached_call_impact_data(call)
    if data is None:
        raise Http404
    return call, data


def call_impact(request, code: str):
    call = grants_perms.get_call_for_user(request.user, code)
    version = selectors.call_version(call)

    def context():
        data = selectors.cached_call_impact_data(call, version=version)
        return None if data is None else {"title": call.title, **_impact_context(call, data)}

    page = _page(request, f"impact:{call.pk}:{version}", "implementation/_public_impact_body.html", context)
    if page is None:
        raise Http404
    return render(request, "implementation/public_impact.html", page)


def _impact_context(call, data: dict) -> dict:
    totals = data["totals"]
    participants = totals["participants"]
    return {
        "call": call,
        "impact": data,
        "points": [point for point in map(_point, data["pilots"]) if point],
        "spending_chart": _spending_chart(data["categories"], data["call"]["currency"]),
        "women_chart": charts.share_bar(
            [(_("Women"), totals["women"]), (_("Others"), max(participants - totals["women"], 0))],
            title=_("Women among the people involved"),
        ),
        "youth_chart": charts.share_bar(
            [(_("Young people"), totals["youth"]), (_("Others"), max(participants - totals["youth"], 0))],
            title=_("Young people among the people involved"),
        ),
    }


def impact_table(data: dict) -> tuple[list[str], list[list]]:
    """The dashboard's figures as a table: one row per pilot."""
    currency = data["call"]["currency"]
    header = [
        _("Agreement"),
        _("Pilot project"),
        _("Settlement"),
        _("KATO code"),
        _("Implementing NGO"),
        _("Approved budget, %(currency)s") % {"currency": currency},
        _("Spent, %(currency)s") % {"currency": currency},
        _("People involved"),
        _("Of them women"),
        _("Of them young people"),
        _("Events held"),
        _("Information materials"),
        _("Infrastructure installed"),
        _("Decisions of local authorities"),
    ]
    rows = [
        [
            pilot["agreement_number"],
            pilot["title"],
            pilot["settlement"]["label"] if pilot["settlement"] else "",
            pilot["settlement"]["code"] if pilot["settlement"] else "",
            pilot["organization"]["name"],
            pilot["budget"],
            pilot["spent"],
            pilot["participants"],
            pilot["women"],
            pilot["youth"],
            pilot["events_held"],
            pilot["materials_produced"],
            pilot["infrastructure_installed"],
            pilot["decisions"],
        ]
        for pilot in data["pilots"]
    ]
    return header, rows


def call_impact_export(request, code: str, fmt: str):
    call, data = _impact(request, code)
    header, rows = impact_table(data)
    response = HttpResponse(
        tables.write_table(fmt, header, rows, title=_("Pilot projects")), content_type=tables.CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{call.code}-impact.{fmt}"'
    response["Cache-Control"] = PUBLIC_CACHE
    return response


def call_iati(request, code: str):
    call = grants_perms.get_call_for_user(request.user, code)
    content = selectors.cached_for_call(
        call, "iati", lambda: iati.call_activities_xml(call) if selectors.call_has_public_pilots(call) else None
    )
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.code}-iati.xml"'
    response["Cache-Control"] = PUBLIC_CACHE
    return response
