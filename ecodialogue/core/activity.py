"""Human-readable labels of the activity log's verbs.

Verbs are stable codes stored in the log; their labels are translated here so
an old entry reads in today's language.
"""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "organization.registered": _("registered the organisation"),
    "organization.updated": _("edited the profile"),
    "organization.certificate_uploaded": _("uploaded the registration certificate"),
    "organization.verified": _("verified the organisation"),
    "organization.rejected": _("rejected the verification"),
    "organization.verification_reset": _("changed the name or registration data; the verification must be repeated"),
    "organization.network_changed": _("changed the network membership"),
    "membership.invited": _("invited a person"),
    "membership.invitation_revoked": _("revoked an invitation"),
    "membership.joined": _("joined the organisation"),
    "membership.declined": _("declined an invitation"),
    "membership.removed": _("removed a person"),
    "membership.left": _("left the organisation"),
    "membership.role_changed": _("changed a person's role"),
    "membership.join_requested": _("asked to join"),
    "membership.join_approved": _("approved a request to join"),
    "membership.join_declined": _("declined a request to join"),
    "account.token_created": _("created a personal API token"),
    "account.token_revoked": _("revoked a personal API token"),
    "call.transition": _("changed the call's state"),
    "call.cloned": _("created the call as a copy"),
    "call.announcement": _("published an announcement"),
    "call.question": _("asked a question"),
    "call.answer": _("answered a question"),
    "consortium.created": _("formed the consortium"),
    "consortium.invited": _("invited an organisation to the consortium"),
    "consortium.accepted": _("accepted the invitation to the consortium"),
    "consortium.declined": _("declined the invitation to the consortium"),
    "consortium.withdrawn": _("withdrew from the consortium"),
    "consortium.email_invited": _("invited an NGO to the consortium by e-mail"),
    "consortium.email_claimed": _("accepted an invitation to the consortium received by e-mail"),
    "application.started": _("started the application"),
    "application.pilot_added": _("added a pilot project"),
    "application.pilot_removed": _("removed a pilot project"),
    "application.document_uploaded": _("uploaded a document"),
    "application.document_restored": _("restored a replaced document"),
    "application.submitted": _("submitted the application"),
    "application.reopened": _("re-opened the application"),
}


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))
