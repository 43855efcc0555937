"""An uploaded material is checked for the EU statement in the background; a missing one is told to its uploader."""

import pytest
import weasyprint
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from ecodialogue.implementation import reports
from ecodialogue.implementation.models import Output
from ecodialogue.implementation.visibility_service import funding_phrases, output_visibility_check

from .conftest import part_of

pytestmark = pytest.mark.django_db


def booklet(text: str) -> SimpleUploadedFile:
    html = f"<h1>Қалдықтарды бөлек жинаймыз</h1><p>Ауылда контейнерлер орнатылды.</p><p>{text}</p>"
    return SimpleUploadedFile("booklet.pdf", weasyprint.HTML(string=html).write_pdf(), content_type="application/pdf")


def upload(part, actor, text):
    return reports.output_add(part=part, actor=actor, kind="material", title="Буклет", upload=booklet(text))


def test_the_calls_statement_in_every_language_is_searched(awarded):
    phrases = funding_phrases(awarded.application.call)
    assert len(phrases) == 3 and "при финансовой поддержке Европейского союза" in phrases


def test_a_booklet_with_the_statement_in_kazakh_is_found(interim, partner_ngo, partner_head, committed):
    with committed():
        output = upload(part_of(interim, partner_ngo), partner_head, "Еуропалық Одақтың қаржылық\nқолдауымен басылды.")
    output.refresh_from_db()
    assert output.visibility == Output.Visibility.FOUND
    assert output.visibility_phrase == "Еуропалық Одақтың қаржылық қолдауымен"
    assert mail.outbox == []


def test_a_booklet_without_it_is_flagged_to_its_uploader(interim, partner_ngo, partner_head, committed):
    with committed():
        output = upload(part_of(interim, partner_ngo), partner_head, "Демеушілер туралы ештеңе жоқ.")
    output.refresh_from_db()
    assert output.visibility == Output.Visibility.MISSING
    assert [m.to for m in mail.outbox] == [[partner_head.email]]


def test_staffs_own_decision_is_not_overwritten_by_a_second_check(
    interim, partner_ngo, partner_head, call_staff, committed
):
    with committed():
        output = upload(part_of(interim, partner_ngo), partner_head, "Логотип суретте ғана.")
    reports.output_visibility_confirm(output=output, actor=call_staff, shows_statement=True)
    assert output_visibility_check(output_id=output.pk) == "missing"
    output.refresh_from_db()
    assert output.visibility == Output.Visibility.CONFIRMED


def test_a_photo_waits_for_a_person(interim, partner_ngo, partner_head):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    photo = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    output = reports.output_add(
        part=part_of(interim, partner_ngo), actor=partner_head, kind="photo", title="Алаң", upload=photo
    )
    assert output.visibility == Output.Visibility.MANUAL
    assert output_visibility_check(output_id=output.pk) == "skipped"
