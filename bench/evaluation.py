"""Benchmark of ranking and selection (1,000 applications × 5 evaluators × 6 criteria, budget < 1 s) and of
the commission protocol of 50 applications (budget < 3 s).

    .venv/bin/python bench/evaluation.py          # SQLite in a temporary folder
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ecodialogue_bench .venv/bin/python bench/evaluation.py

Two figures, each the median of several runs:

- the arithmetic alone: rank_and_select over 1,000 candidates already in memory;
- the whole computation as the ranking page and the decision do it: call_candidates (reading the
  applications, screenings, 30,000 scores and 4,000 pilot projects from the database) + rank_and_select.

The rows are bulk-inserted into a fresh database (demo data first, for the seed call's criteria and
priorities): 1,000 consortia with a submitted, screened application each, 4 pilots in real settlements,
20 commission members, 5 submitted assignments per application with 6 scores each.
"""

import datetime
import json
import random
from decimal import Decimal

from standalone import ROOT, fresh_database, median_seconds  # sets the environment before Django

APPLICATIONS, EVALUATORS, MEMBERS = 1000, 5, 20
BUDGET_S = 1.0


def bin_base(prefix: str) -> int:
    return 990000000000 if prefix == "BENCH" else 980000000000


def populate(call=None, applications_count: int = APPLICATIONS, prefix: str = "BENCH"):
    from ecodialogue.accounts.models import User
    from ecodialogue.grants.models import (
        Application,
        Assignment,
        Call,
        CommissionMember,
        Consortium,
        ConsortiumMember,
        Pilot,
        Score,
        Screening,
    )
    from ecodialogue.organizations.models import Organization, Settlement

    rng = random.Random(2026)
    call = call or Call.objects.get(code="ecodialogue-2026")
    Call.objects.filter(pk=call.pk).update(status=Call.Status.UNDER_REVIEW, winners=50, total_budget=Decimal(550000))
    call.refresh_from_db()
    criteria = list(call.criteria.all())
    places = list(Settlement.objects.filter(level="settlement").values_list("code", flat=True))
    organizations = Organization.objects.bulk_create(
        Organization(kind="ngo", name=f"{prefix} NGO {n}", name_kk=f"{prefix} ҮЕҰ {n}", bin=f"{bin_base(prefix) + n}")
        for n in range(applications_count)
    )
    consortia = Consortium.objects.bulk_create(Consortium(call=call, lead=o) for o in organizations)
    ConsortiumMember.objects.bulk_create(
        ConsortiumMember(consortium=c, call=call, organization=o, is_lead=True, status="accepted")
        for c, o in zip(consortia, organizations, strict=True)
    )
    start = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    applications = Application.objects.bulk_create(
        Application(
            consortium=c, call=call, language="kk", status="submitted", number=f"{prefix}-{n:04d}",
            submitted_at=start + datetime.timedelta(minutes=n), total_amount=Decimal(rng.randint(10000, 12000)),
        )
        for n, c in enumerate(consortia)
    )  # fmt: skip
    Screening.objects.bulk_create(Screening(application=a, result="passed") for a in applications)
    Pilot.objects.bulk_create(
        Pilot(application=a, organization_id=a.consortium.lead_id, position=p, title=f"Pilot {p}",
              settlement_id=rng.choice(places), participants=100, women=rng.randint(20, 70), youth=30)
        for a in applications for p in range(4)
    )  # fmt: skip
    users = User.objects.bulk_create(User(email=f"{prefix.lower()}-expert-{n}@example.kz") for n in range(MEMBERS))
    members = CommissionMember.objects.bulk_create(CommissionMember(call=call, user=u, email=u.email) for u in users)
    assignments = Assignment.objects.bulk_create(
        Assignment(application=a, member=m, status="submitted", conflict=False)
        for a in applications
        for m in rng.sample(members, EVALUATORS)
    )
    Score.objects.bulk_create(
        (
            Score(assignment=s, criterion=c, score=rng.randint(3, 10), comment="ok")
            for s in assignments
            for c in criteria
        ),
        batch_size=5000,
    )
    return call


def protocol_benchmark() -> tuple[float, float, int]:
    """A copy of the seed call with 50 scored applications, decided; its protocol rendered as the page does."""
    import datetime as dt

    from django.utils import translation

    from ecodialogue.accounts.models import User
    from ecodialogue.core.pdf import render_pdf
    from ecodialogue.grants import exports
    from ecodialogue.grants.evaluation import decision_record
    from ecodialogue.grants.models import Call
    from ecodialogue.grants.services import call_clone

    staff = User.objects.get(email="grants@demo.ecodialogue.kz")
    copy = call_clone(call=Call.objects.get(code="ecodialogue-2026"), actor=staff, code="bench-protocol")
    copy = populate(copy, 50, prefix="PROTO")
    Call.objects.filter(pk=copy.pk).update(winners=5, total_budget=60000)
    copy.refresh_from_db()
    decision = decision_record(call=copy, actor=staff, decided_on=dt.date(2026, 6, 24), members_present="A\nB\nC")

    def render():
        with translation.override("kk"):
            context = {"call": copy, "decision": decision, "table": exports.ranking_table(copy),
                       "members": ["A", "B", "C"], "generated_at": dt.datetime.now(dt.UTC)}  # fmt: skip
            return render_pdf("grants/pdf/protocol.html", context, language="kk")

    content = render()
    return median_seconds(render, 3), round(len(content) / 1024, 1), len(decision.ranking)


def main() -> None:
    print(f"Migrating a fresh database, loading the demo and {APPLICATIONS} applications …", flush=True)
    fresh_database()
    from django.db import connection

    call = populate()

    from ecodialogue.grants.evaluation_rules import rank_and_select
    from ecodialogue.grants.evaluation_selectors import call_candidates, call_ranking, selection_config

    candidates = call_candidates(call)
    config = selection_config(call)
    scores = sum(len(e.scores) for c in candidates for e in c.evaluations)
    arithmetic = median_seconds(lambda: rank_and_select(candidates, config), 5)
    whole = median_seconds(lambda: call_ranking(call), 3)
    outcomes, _config = call_ranking(call)
    selected = sum(1 for o in outcomes if o.selected)
    protocol_s, protocol_kb, protocol_rows = protocol_benchmark()
    results = {
        "protocol_applications": protocol_rows,
        "protocol_s": round(protocol_s, 3),
        "protocol_kb": protocol_kb,
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "database": connection.vendor,
        "applications": len(candidates),
        "scores": scores,
        "selected": selected,
        "arithmetic_s": round(arithmetic, 4),
        "with_reading_s": round(whole, 3),
    }
    verdict = "ok" if whole < BUDGET_S else "OVER BUDGET"
    print(f"{len(candidates)} applications, {scores} scores, {selected} selected")
    print(f"Ranking and selection, arithmetic only:       {arithmetic:7.3f} s (median of 5)")
    print(
        f"Reading the rows + ranking and selection:     {whole:7.3f} s (median of 3) · "
        f"budget {BUDGET_S:.0f} s · {verdict}"
    )
    print(
        f"Commission protocol (PDF), {protocol_rows} applications: {protocol_s:7.3f} s "
        f"(median of 3; {protocol_kb} KB) · budget 3 s · {'ok' if protocol_s < 3 else 'OVER BUDGET'}"
    )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"evaluation-{connection.vendor}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
