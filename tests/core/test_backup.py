"""A backup restores to the same rows and files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from ecodialogue.core.backup import _counts
from ecodialogue.core.models import ActivityEntry
from ecodialogue.grants.models import Call
from ecodialogue.organizations import services
from ecodialogue.organizations.models import Organization

from ..organizations.pdfs import minimal_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_gives_back_every_row_and_file(tmp_path, ngo, head, open_call):
    services.organization_upload_certificate(
        organization=ngo, actor=head, upload=SimpleUploadedFile("c.pdf", minimal_pdf(), "application/pdf")
    )
    ngo.refresh_from_db()
    certificate_name = ngo.certificate.name
    before = _counts()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", archive, stdout=open(tmp_path / "out", "w"))  # noqa: SIM115

    Organization.objects.filter(pk=ngo.pk).update(name_kk="Бұзылған")
    ngo.certificate.storage.delete(certificate_name)
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", archive)
    call_command("restore", archive, "--yes", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115

    assert _counts() == before
    restored = Organization.objects.get(pk=ngo.pk)
    assert restored.name_kk == ngo.name_kk and restored.memberships.filter(user=head, role="head").exists()
    assert restored.certificate.storage.exists(certificate_name)
    assert restored.certificate.open("rb").read().startswith(b"%PDF-")
    assert Call.objects.get(pk=open_call.pk).criteria.count() == 6
    assert ActivityEntry.objects.filter(verb="organization.certificate_uploaded").exists()
    # New rows after a restore do not collide with restored keys (sequences were reset).
    from ..factories import OrganizationFactory

    assert OrganizationFactory().pk > restored.pk
