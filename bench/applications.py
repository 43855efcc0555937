"""Benchmark of one full application: all rules of the call, and the PDF of the whole application.

    .venv/bin/python bench/applications.py          # SQLite in a temporary folder
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecodialogue_bench_apps .venv/bin/python bench/applications.py

It migrates a fresh database, loads the demo (organisations, settlements, the
seed call), builds through the services the largest application the seed
call allows (4 NGOs, 4 pilot projects with 5 activities, 3 indicators and 6
budget lines each, every document), and times, each as the median of many runs:

- the rules alone (pure functions over the facts) — what the checklist adds;
- loading the application and checking every rule (application_page + facts
  + findings), which is what a page or the submit service does — budget 50 ms;
- rendering the whole application (lead form + every member form) to PDF with
  WeasyPrint — budget 2 s.

Budgets from the brief's quality document. Prints the figures and writes them
to bench/results/applications.json.
"""

import datetime
import json
import os
import platform
from decimal import Decimal

from standalone import ROOT, fresh_database, median_seconds  # sets the environment before Django

RULES_BUDGET_MS = 50.0
PDF_BUDGET_S = 2.0


def build_application():
    """The largest application of the seed call, made through the services as people would."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from ecodialogue.accounts.models import User
    from ecodialogue.grants import applications, consortia
    from ecodialogue.grants.demo_applications import minimal_pdf
    from ecodialogue.grants.models import Call
    from ecodialogue.organizations.models import Membership, Organization, Settlement

    call = Call.objects.get(code="ecodialogue-2027")  # the demo's open call, same rules as the seed call
    ngos = [
        o
        for o in Organization.objects.filter(kind="ngo", network_status="member").order_by("pk")
        if not call.consortia.filter(members__organization=o).exists()
    ][:4]
    heads = []
    for index, ngo in enumerate(ngos):
        user, _ = User.objects.get_or_create(email=f"bench-head-{index}@example.kz", defaults={"full_name": "Bench"})
        Membership.objects.get_or_create(organization=ngo, user=user, defaults={"role": "head"})
        heads.append(user)
    lead, lead_head = ngos[0], heads[0]
    consortium = consortia.consortium_create(call=call, lead=lead, actor=lead_head)
    for ngo, head in zip(ngos[1:], heads[1:], strict=True):
        member = consortia.consortium_invite(consortium=consortium, organization=ngo, actor=lead_head)
        consortia.consortium_respond(member=member, actor=head, accept=True)
    application = applications.application_start(consortium=consortium, actor=lead_head, language="kk")
    text = "Ауылдың экологиялық мәселесі: қалдықтар, су, ауа. " * 20
    applications.application_save_lead_form(
        application=application,
        actor=lead_head,
        version=1,
        data=dict.fromkeys(("summary", "coherence", "coordination", "team_experience", "sustainability"), text),
    )
    places = list(Settlement.objects.filter(level="settlement", region__code__in=("110000000", "330000000"))[:4])
    for index, (ngo, head) in enumerate(zip(ngos, heads, strict=True)):
        pilot = applications.pilot_add(application=application, organization=ngo, actor=head)
        data = applications.PilotData(
            title=f"Пилоттық жоба {index + 1}: қалдықтарды бөлек жинау",
            settlement=places[index % len(places)].code,
            **dict.fromkeys(
                ("problem", "goals", "expected_results", "target_groups", "cooperation", "team", "risks"), text
            ),
            sustainability=text,
            participants=300,
            women=160,
            youth=120,
            eu_declaration=True,
            indicators=[{"name": f"Көрсеткіш {n}", "unit": "адам", "target": Decimal(50 * n)} for n in range(1, 4)],
            activities=[{"title": f"Іс-шара {n}", "start_month": n, "end_month": n + 2} for n in range(1, 6)],
            budget_lines=[
                {"category": category, "item": f"Шығын {n}", "unit": "дана", "quantity": Decimal(2),
                 "unit_cost": Decimal("225")}
                for n, category in enumerate(["events", "infrastructure", "materials", "administration"] * 2)
            ][:6],
        )  # fmt: skip
        applications.pilot_save(pilot=pilot, actor=head, data=data, version=pilot.version)
    for requirement in call.required_documents.filter(required=True):
        owners = [(lead, lead_head)] if requirement.scope == "consortium" else list(zip(ngos, heads, strict=True))
        for ngo, head in owners:
            applications.document_upload(
                application=application, requirement=requirement, organization=ngo, actor=head,
                upload=SimpleUploadedFile(f"{requirement.code}.pdf", minimal_pdf(requirement.code)),
            )  # fmt: skip
    return application, timezone.now()


def main() -> None:
    print("Migrating a fresh database and loading the demo …", flush=True)
    fresh_database()
    from django.db import connection

    from ecodialogue.core.findings import errors
    from ecodialogue.core.pdf import render_pdf
    from ecodialogue.grants.application_rules import application_findings
    from ecodialogue.grants.application_selectors import application_config, application_facts, application_page
    from ecodialogue.grants.application_views import pdf_context

    application, now = build_application()
    loaded = application_page(application.pk)
    facts, config = application_facts(loaded), application_config(loaded.call)
    found = application_findings(facts, config, now)
    assert not errors(found), [f.text for f in errors(found)]
    lines = sum(len(p.lines) for p in facts.pilots)

    rules_only = 1000 * median_seconds(lambda: application_findings(facts, config, now), 500)

    def load_and_check():
        page = application_page(application.pk)
        application_findings(application_facts(page), application_config(page.call), now)

    load_and_check()
    with_loading = 1000 * median_seconds(load_and_check, 100)
    render = lambda: render_pdf(  # noqa: E731
        "grants/pdf/application.html", pdf_context(application_page(application.pk)), language="kk"
    )
    pdf = render()
    render_s = median_seconds(render, 5)

    results = {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "machine": f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores",
        "database": connection.vendor,
        "application": {"members": len(facts.members), "pilots": len(facts.pilots), "budget_lines": lines},
        "findings": len(found),
        "rules_only_ms": round(rules_only, 3),
        "load_and_rules_ms": round(with_loading, 2),
        "pdf_s": round(render_s, 3),
        "pdf_kb": round(len(pdf) / 1024, 1),
    }
    ok = lambda good: "ok" if good else "OVER BUDGET"  # noqa: E731
    print(f"Application: {len(facts.members)} NGOs, {len(facts.pilots)} pilot projects, {lines} budget lines")
    print(f"All rules, pure functions:          {rules_only:8.3f} ms (median of 500)")
    print(
        f"Load + all rules (page, submit):    {with_loading:8.2f} ms (median of 100) · "
        f"budget {RULES_BUDGET_MS:.0f} ms · {ok(with_loading < RULES_BUDGET_MS)}"
    )
    print(
        f"PDF of the whole application:       {render_s:8.3f} s  (median of 5; {results['pdf_kb']} KB) · "
        f"budget {PDF_BUDGET_S:.0f} s · {ok(render_s < PDF_BUDGET_S)}"
    )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"applications-{connection.vendor}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
