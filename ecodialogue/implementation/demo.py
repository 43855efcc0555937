"""Demo implementation: the seed call's five grant agreements, signed in July 2026, half-way through.

Everything is done through the services (agreements.py, plans.py, reports.py, reminders.py), as the
grant-maker's staff (grants@demo.ecodialogue.kz) and the people of the lead NGOs would do it on the
platform, at moments between the results (25 June 2026) and "today" in the demo's story, 1 December 2026:

    1 July       staff draft the five agreements from the awards: implementation from 1 August 2026, at most
                 7 months (to the end of February 2027), tranches 50 / 40 / 10 %, an interim report over
                 August–October due on 10 November, the final report due 10 days after the end
    10–15 July   the agreements are signed (the signed copy uploaded); the first tranche is paid by 4 August
    Aug–Oct      the NGOs carry out their pilots and record activities, spending (with receipts, in EUR or in
                 tenge with the rate used), materials and photos, and the local authorities' decisions;
                 «Жасыл Атбасар» has a reallocation between budget categories approved on 2 September
    3 November   the reminders of the interim report go out (and the overdue ones weekly from 11 November)
    6–10 Nov     four leads submit the consolidated report
    13–25 Nov    staff approve three (the second tranche is paid for two of them) and return one with
                 comments per section; the returned one is being fixed, the fifth is overdue

The figures and texts are in demo_data.py. The NGOs act through these demo people: «Жасыл Атбасар»
through lead@ (Ержан Қасымов, head) and member@ (Айгерім Нұрланова, who fills its partners' parts: the
partners have no people in the demo, and the lead's people may write any part); «Жасыл Талдықорған»
through partner@ (Ольга Ким, head); the other three leads through the heads that demo_applications gave
them (head.<key>@demo.ecodialogue.kz, without a password).

The clock. As in grants/demo_applications.py, each step runs inside `_clock(moment)`, which patches
django.utils.timezone.now: the services refuse dates in the future (a signature, a payment, a decision)
and every auto_now field and log row reads the clock. The steps of all five stories are collected first
and run in the order of their moments, because the reminders read every report as it is at their moment.
Patching the clock is safe here only because seed_demo is a one-off command (refused in production).

The visibility check. A material's EU funding statement is checked by a background task queued on commit;
here each material is checked at its upload's moment instead (the same service the task runs), so the
demo's results are there when seed_demo ends, and the worker neither checks them again nor mails the NGO
twice about the booklet without the statement.

E-mails are queued as the services always do (agreement signed, tranche paid, reminders, report
submitted, returned, approved) and land in var/mail once the worker runs: what the inboxes would hold.
"""

import datetime
import hashlib
import io
import zipfile
from decimal import Decimal
from functools import partial
from unittest import mock
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ecodialogue.accounts.models import User
from ecodialogue.grants.demo_applications import ALMATY, SEED_CALL, _clock, _head, _organisations, minimal_pdf
from ecodialogue.grants.models import Award, Call, Decision
from ecodialogue.organizations.models import Settlement

from . import agreements, plans, reminders, reports
from .agreements import ReportTerm
from .demo_data import COORDINATES, MATERIALS, RATES, STORIES
from .models import Agreement, Expenditure, Output, PlanChange, Report
from .visibility_service import output_visibility_check

STAFF = "grants@demo.ecodialogue.kz"
STARTS_ON = datetime.date(2026, 8, 1)
INTERIM = (datetime.date(2026, 8, 1), datetime.date(2026, 10, 31), datetime.date(2026, 11, 10))
TRANCHES = [Decimal("50"), Decimal("40"), Decimal("10")]
# The reminders' daily run, on the days it had something to send in the story.
REMINDER_DAYS = [(11, 3), (11, 11), (11, 18), (11, 25)]
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=ALMATY)


def _day(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


def seed_implementation() -> int:
    """Sign the seed call's agreements and replay their first reports, once; 1 if it did, 0 if not.

    Idempotent: a seed call with any agreement has been through this (or someone is trying the platform
    with it), and is left alone. So is a call whose published awards are not the demo's five.
    """
    _coordinates()
    call = Call.objects.filter(code=SEED_CALL).first()
    decision = Decision.objects.filter(call=call).first() if call else None
    if decision is None or not decision.is_published or Agreement.objects.filter(call=call).exists():
        return 0
    staff = User.objects.filter(email=STAFF).first()
    awards = _awards(decision)
    if staff is None or awards is None:
        return 0
    with transaction.atomic():
        _funding_statement(call)
        call.refresh_from_db()
        files = _material_files(call)
        steps: list = []
        for position, story in enumerate(STORIES):
            _story(steps, position, story, awards[story["lead"]], staff, files)
        for month, day in REMINDER_DAYS:
            steps.append((_at(month, day, 9, 0), partial(reminders.reminders_send, today=_day(month, day))))
        for moment, action in sorted(steps, key=lambda step: step[0]):  # stable: a story's order at equal moments
            with _clock(moment):
                action()
    return 1


def _coordinates() -> None:
    """The pilots' settlements on the map; a plain update, and never over coordinates someone has set."""
    for code, (latitude, longitude) in COORDINATES.items():
        Settlement.objects.filter(code=code, latitude__isnull=True).update(
            latitude=Decimal(latitude), longitude=Decimal(longitude)
        )


def _funding_statement(call: Call) -> None:
    """A seed call made before the demo carried the EU statement gets it, or nothing could be checked."""
    if call.funding_statement_kk or call.funding_statement_ru or call.funding_statement_en:
        return
    from ecodialogue.grants.demo import TEXTS

    kk, ru, en = TEXTS["funding_statement"]
    Call.objects.filter(pk=call.pk).update(
        funding_statement=kk, funding_statement_kk=kk, funding_statement_ru=ru, funding_statement_en=en
    )


def _awards(decision: Decision) -> dict[str, Award] | None:
    """The published awards by the key of their lead; None unless they are exactly the demo's five."""
    keys = {organization.pk: key for key, organization in _organisations().items()}
    awards = {
        keys.get(award.application.consortium.lead_id): award
        for award in Award.objects.filter(decision=decision).select_related("application__consortium")
    }
    return awards if set(awards) == {story["lead"] for story in STORIES} else None


# --- One consortium's story -------------------------------------------------


def _story(steps: list, position: int, story: dict, award: Award, staff, files: dict) -> None:
    """Append the steps of one agreement's story; each looks up what earlier steps made."""
    lead = award.application.consortium.lead
    head = _head(story["lead"], lead)
    state: dict = {}

    def at(moment: datetime.datetime, action) -> None:
        steps.append((moment, action))

    def interim() -> Report:
        if "interim" not in state:
            state["interim"] = state["agreement"].reports.get(sequence=1)
        return state["interim"]

    def part(index: int):
        # Fetched once: the services re-read (and lock) what they are given, by its id.
        if "parts" not in state:
            state["parts"] = {p.plan.position: p for p in interim().parts.select_related("plan")}
        return state["parts"][index]

    def create() -> None:
        agreement = agreements.agreement_create(award=award, actor=staff, starts_on=STARTS_ON)
        first, last, due = INTERIM
        schedule = [
            ReportTerm(Report.Kind.INTERIM, first, last, due),
            ReportTerm(
                Report.Kind.FINAL,
                last + datetime.timedelta(days=1),
                agreement.ends_on,
                agreement.ends_on + datetime.timedelta(days=agreements.REPORT_DUE_AFTER_DAYS),
            ),
        ]
        state["agreement"] = agreements.agreement_terms_save(
            agreement=agreement,
            actor=staff,
            amount=agreement.amount,
            tranche_percents=TRANCHES,
            reports=schedule,
            pilot_periods={},
        )

    def sign() -> None:
        number = state["agreement"].number
        upload = _upload(f"{number}-signed.pdf", minimal_pdf(f"Grant agreement {number} signed"))
        state["agreement"] = agreements.agreement_sign(
            agreement=state["agreement"], actor=staff, signed_on=_day(*story["signed_on"]), upload=upload
        )

    def pay(position: int, paid: tuple) -> None:
        (month, day), reference = paid
        tranche = state["agreement"].tranches.get(position=position)
        agreements.tranche_pay(tranche=tranche, actor=staff, paid_on=_day(month, day), reference=reference)

    at(_at(7, 1, 10 + position, 0), create)
    at(_at(*story["signed_on"], 16, 0), sign)
    at(_at(*story["tranche"][0], 11, 0), lambda: pay(1, story["tranche"]))
    if "change" in story:
        _plan_change(at, story["change"], lambda: part(story["change"]["part"]).plan, head, staff)
    for index, spec in enumerate(story["parts"]):
        if spec:
            writer = User.objects.get(email=spec["writer"]) if "writer" in spec else head
            _part_steps(at, index, spec, lambda i=index: part(i), writer, files, f"{story['lead']}-{index}")
    if "summary" in story:
        summary_at = _at(*story["submitted"]) - datetime.timedelta(hours=2)
        at(summary_at, lambda: reports.report_summary_save(report=interim(), actor=head, summary=story["summary"]))
    if "submitted" in story:
        at(_at(*story["submitted"]), lambda: reports.report_submit(report=interim(), actor=head))
    if "approved" in story:
        moment, note = story["approved"]
        confirm_at = _at(*moment) - datetime.timedelta(minutes=20)
        at(confirm_at, lambda: _confirm_photos(interim(), story.get("confirm_photos", []), staff))
        at(_at(*moment), lambda: reports.report_approve(report=interim(), actor=staff, note=note))
    if "paid" in story:
        at(_at(*story["paid"][0], 11, 0), lambda: pay(2, story["paid"]))
    if "returned" in story:
        moment, comments = story["returned"]

        def send_back() -> None:
            given = [(None if i is None else part(i).pk, section, text) for i, section, text in comments]
            reports.report_return(report=interim(), actor=staff, comments=given)

        at(_at(*moment), send_back)
    if "fix" in story:
        fix = story["fix"]

        def fix_receipt() -> None:
            fixed = part(fix["part"])
            old = Expenditure.objects.get(part=fixed, description=fix["remove"])
            reports.expenditure_remove(expenditure=old, actor=head)
            _expenditure(fixed, head, fix["spent"], f"{story['lead']}-fix")

        at(_at(*fix["at"]), fix_receipt)


def _plan_change(at, change: dict, plan_of, proposer, staff) -> None:
    """A reallocation between budget categories: proposed by the lead, approved by staff."""

    def propose() -> None:
        plan = plan_of()
        proposal = plans.plan_data(plan)
        for index, quantity in change["quantities"].items():
            proposal["budget_lines"][index]["quantity"] = str(quantity)
        for index, target in change["targets"].items():
            proposal["indicators"][index]["target"] = str(target)
        plans.plan_change_propose(
            plan=plan, actor=proposer, proposal=proposal, reason=change["reason"], base_version=plan.version
        )

    def approve() -> None:
        proposed = PlanChange.objects.get(plan=plan_of(), status=PlanChange.Status.PROPOSED)
        plans.plan_change_approve(change=proposed, actor=staff, note=change["note"])

    at(_at(*change["proposed"]), propose)
    at(_at(*change["approved"]), approve)


def _part_steps(at, index: int, spec: dict, part_of, writer, files: dict, key: str) -> None:
    """A member's part: activities, spending, decisions and outputs when they happened, then the part saved."""
    for number, (activity, title, first, last, note) in enumerate(spec.get("activities", ())):

        def add_activity(activity=activity, title=title, first=first, last=last, note=note) -> None:
            part = part_of()
            planned = list(part.plan.activities.values_list("pk", flat=True))
            reports.activity_progress_add(
                part=part,
                actor=writer,
                title=title,
                done_from=_day(*first),
                done_to=_day(*last),
                activity_id=None if activity is None else planned[activity],
                note=note,
            )

        at(_at(*last, 18, number) + datetime.timedelta(days=1), add_activity)
    for number, row in enumerate(spec.get("spent", ())):
        at(
            _at(*row[1], 17, number) + datetime.timedelta(days=1),
            lambda row=row, n=number: _expenditure(part_of(), writer, row, f"{key}-{n}"),
        )
    for position, (authority, title, number, adopted) in enumerate(spec.get("decisions", ())):

        def add_decision(authority=authority, title=title, number=number, adopted=adopted, n=position) -> None:
            reports.decision_add(
                part=part_of(),
                actor=writer,
                authority=authority,
                title=title,
                number=number,
                adopted_on=_day(*adopted),
                upload=_upload(f"decision-{key}-{n}.pdf", minimal_pdf(f"Decision {key}-{n}")),
            )

        at(_at(*adopted, 12, 0) + datetime.timedelta(days=2), add_decision)
    for number, output in enumerate(spec.get("outputs", ())):
        at(
            _at(10, 30, 11 + index, number),
            lambda output=output, n=number: _output(part_of(), writer, output, files, f"{key}-{n}"),
        )
    moment = spec.get("ready") or spec.get("saved")
    at(_at(*moment), lambda: _part_save(part_of(), writer, spec))


def _part_save(part, writer, spec: dict) -> None:
    participants, women, youth, events, materials, infrastructure = spec["counts"]
    indicators = list(part.plan.indicators.values_list("pk", flat=True))
    reports.part_save(
        part=part,
        actor=writer,
        data=reports.PartData(
            narrative=spec["narrative"],
            participants=participants,
            women=women,
            youth=youth,
            events_held=events,
            materials_produced=materials,
            infrastructure_installed=infrastructure,
            infrastructure_note=spec.get("infrastructure_note", ""),
            actuals={indicators[i]: Decimal(str(value)) for i, value in enumerate(spec.get("actuals", ()))},
            ready="ready" in spec,
        ),
    )


def _expenditure(part, writer, row: tuple, key: str) -> None:
    line, (month, day), description, amount, currency, receipt = row
    lines = list(part.plan.budget_lines.values_list("pk", flat=True))
    content = minimal_pdf(f"Receipt {key}") if receipt == "pdf" else _jpeg(f"receipt {key}", receipt=True)
    reports.expenditure_add(
        part=part,
        actor=writer,
        line_id=lines[line],
        spent_on=_day(month, day),
        description=description,
        paid_currency=currency,
        paid_amount=Decimal(amount),
        exchange_rate=RATES[month] if currency == "KZT" else None,
        upload=_upload(f"receipt-{key}.{'pdf' if receipt == 'pdf' else 'jpg'}", content),
    )


def _output(part, writer, output, files: dict, key: str) -> None:
    if isinstance(output, tuple):  # ("photo", title)
        kind, title, upload = Output.Kind.PHOTO, output[1], _upload(f"photo-{key}.jpg", _jpeg(output[1]))
    else:
        name, content = files[output]
        kind, title, upload = Output.Kind.MATERIAL, MATERIALS[output]["title"], _upload(name, content)
    # The check the worker would run after commit runs here instead, at the upload's moment (see above).
    with mock.patch("ecodialogue.implementation.tasks.output_check_visibility"):
        created = reports.output_add(part=part, actor=writer, kind=kind, title=title, upload=upload)
    if kind == Output.Kind.MATERIAL:
        output_visibility_check(output_id=created.pk)


def _confirm_photos(report: Report, positions: list[int], staff) -> None:
    """Staff looked at the photos before approving: these show the containers' EU stickers."""
    photos = list(Output.objects.filter(part__report=report, kind=Output.Kind.PHOTO).order_by("created_at", "pk"))
    for position in positions:
        reports.output_visibility_confirm(output=photos[position], actor=staff, shows_statement=True)


# --- Files ------------------------------------------------------------------


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    kind = "docx" if name.endswith(".docx") else "pdf" if name.endswith(".pdf") else "jpeg"
    return SimpleUploadedFile(name, content, content_type=CONTENT_TYPES[kind])


def _jpeg(title: str, *, receipt: bool = False) -> bytes:
    """A small picture standing for a photo (sky, steppe, a green container) or a receipt (lines of print).

    Its colours come from the title's hash, so every demo file is different, as real photos would be.
    """
    from PIL import Image, ImageDraw

    seed = hashlib.sha256(title.encode()).digest()
    if receipt:
        image = Image.new("RGB", (240, 400), (250, 250, 246))
        draw = ImageDraw.Draw(image)
        for row in range(14):
            draw.rectangle((20, 30 + 24 * row, 60 + seed[row] % 150, 40 + 24 * row), fill=(90, 90, 90))
    else:
        image = Image.new("RGB", (480, 320), (120 + seed[0] % 60, 170 + seed[1] % 50, 220))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 190 + seed[2] % 40, 480, 320), fill=(150 + seed[3] % 50, 140, 80))
        left = 60 + seed[4] % 260
        draw.rectangle((left, 150, left + 110, 250), fill=(30, 110 + seed[5] % 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def _statement(call: Call, language: str) -> str:
    text = getattr(call, f"funding_statement_{language}", "") or ""
    return text.splitlines()[0].strip() if text.strip() else ""


def _material_files(call: Call) -> dict[str, tuple[str, bytes]]:
    """Every material's file: the PDFs rendered in one WeasyPrint pass and split by page, the DOCX by hand.

    One pass because WeasyPrint spends about half a second per document subsetting the font; each
    material is one page, and pypdf makes each page its own PDF (the text and its font stay readable).
    """
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    files = {}
    pages = []
    for key, material in MATERIALS.items():
        statement = _statement(call, material["language"]) if material["statement"] else ""
        if material.get("kind") == "docx":
            files[key] = (f"{key}.docx", _docx(material["title"], material["text"].split("\n"), statement))
            continue
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in material["text"].split("\n"))
        footer = f"<footer>{escape(statement)}</footer>" if statement else ""
        pages.append(
            (key, material["title"], f"<section><h1>{escape(material['title'])}</h1>{paragraphs}{footer}</section>")
        )
    style = (
        "@page { size: A5; margin: 14mm }"
        " body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; line-height: 1.4 }"
        " section { page-break-after: always } section:last-child { page-break-after: auto }"
        " h1 { font-size: 16pt; color: #1b5e20 }"
        # A narrow footer, as on a booklet's back page: the statement breaks over lines.
        " footer { margin-top: 16mm; width: 62mm; border-top: 1px solid #1f4e9c; padding-top: 2mm; font-size: 8.5pt }"
    )
    html = f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{''.join(p[2] for p in pages)}</body></html>"
    reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    if len(reader.pages) != len(pages):
        raise RuntimeError("A demo material no longer fits on one page: shorten its text in demo_data.py.")
    for (key, title, _html), page in zip(pages, reader.pages, strict=True):
        writer = PdfWriter()
        writer.add_page(page)
        writer.add_metadata({"/Title": title, "/Producer": "EcoDialogue demo"})
        buffer = io.BytesIO()
        writer.write(buffer)
        files[key] = (f"{key}.pdf", buffer.getvalue())
    return files


def _docx(title: str, lines: list[str], statement: str) -> bytes:
    """A minimal Word document (OOXML) with a title, paragraphs and the statement split over two runs.

    Word splits a sentence into runs wherever its formatting or editing history changes; the check reads
    the paragraph's text whatever the runs.
    """
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def paragraph(*runs: str, bold: bool = False) -> str:
        properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return (
            "<w:p>"
            + "".join(f'<w:r>{properties}<w:t xml:space="preserve">{escape(run)}</w:t></w:r>' for run in runs)
            + "</w:p>"
        )

    body = paragraph(title, bold=True) + "".join(paragraph(line) for line in lines)
    if statement:
        middle = len(statement) // 2
        body += paragraph(statement[:middle], statement[middle:])
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            entry = zipfile.ZipInfo(name, date_time=(2026, 9, 25, 12, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, xml.encode())
    return buffer.getvalue()
