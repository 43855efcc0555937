from django.urls import include, path

from . import application_views as apps
from . import views

app_name = "grants"

urlpatterns = [
    path("calls/", views.call_list, name="call-list"),
    path("calls/<slug:code>/", views.call_detail, name="call-detail"),
    path("calls/<slug:code>/follow/", views.call_follow, name="call-follow"),
    path("calls/<slug:code>/questions/", views.question_ask, name="question-ask"),
    path("calls/<slug:code>/manage/", views.call_manage, name="call-manage"),
    path("calls/<slug:code>/manage/state/", views.call_transition, name="call-transition"),
    path("calls/<slug:code>/manage/announcements/", views.announcement_publish, name="announcement-publish"),
    path("calls/<slug:code>/manage/questions/<int:question_pk>/", views.question_answer, name="question-answer"),
    path("calls/<slug:code>/manage/clone/", views.call_clone, name="call-clone"),
    path("calls/<slug:code>/consortia/new/", views.consortium_create, name="consortium-create"),
    path("consortia/mine/", views.my_consortia, name="my-consortia"),
    path("consortia/<int:pk>/", views.consortium_detail, name="consortium-detail"),
    path("consortia/<int:pk>/invite/", views.consortium_invite, name="consortium-invite"),
    path("consortia/<int:pk>/members/<int:member_pk>/", views.consortium_respond, name="consortium-respond"),
    path("consortia/<int:pk>/invite-by-email/", views.consortium_invite_by_email, name="consortium-invite-email"),
    path(
        "consortia/<int:pk>/email-invitations/<int:invitation_pk>/revoke/",
        views.consortium_email_invitation_revoke,
        name="consortium-email-invitation-revoke",
    ),
    path("consortium-invitations/<str:token>/", views.consortium_email_invitation, name="consortium-email-invitation"),
    path("consortia/<int:pk>/memorandum.pdf", apps.memorandum_pdf, name="memorandum-pdf"),
    path("consortia/<int:pk>/application/", apps.application_start, name="application-start"),
    path("calls/<slug:code>/manage/applications/", apps.call_applications, name="call-applications"),
    path("applications/<int:pk>/", apps.application_detail, name="application-detail"),
    path("applications/<int:pk>/lead/", apps.lead_form, name="application-lead"),
    path("applications/<int:pk>/pilots/", apps.pilot_add, name="pilot-add"),
    path("applications/<int:pk>/pilots/<int:pilot_pk>/", apps.pilot_edit, name="pilot-edit"),
    path("applications/<int:pk>/pilots/<int:pilot_pk>/remove/", apps.pilot_remove, name="pilot-remove"),
    path("applications/<int:pk>/documents/", apps.document_upload, name="document-upload"),
    path("applications/<int:pk>/documents/<int:document_pk>/", apps.document_download, name="document-download"),
    path("applications/<int:pk>/documents/<int:document_pk>/restore/", apps.document_restore, name="document-restore"),
    path("applications/<int:pk>/submit/", apps.application_submit, name="application-submit"),
    path("applications/<int:pk>/reopen/", apps.application_reopen, name="application-reopen"),
    path("applications/<int:pk>/receipts/<int:sequence>/", apps.application_receipt, name="application-receipt"),
    path("applications/<int:pk>/pdf/", apps.application_pdf, name="application-pdf"),
    path("applications/<int:pk>/pdf/lead/", apps.application_pdf, {"part": "lead"}, name="application-pdf-lead"),
    path(
        "applications/<int:pk>/pdf/members/<int:organization_pk>/",
        apps.application_pdf,
        {"part": "member"},
        name="application-pdf-member",
    ),
    path("receipts/verify/", apps.receipt_verify, name="receipt-verify"),
    # Evaluation: screening, commission and scoring (evaluation_urls), ranking, decision and results (decision_urls).
    path("", include("ecodialogue.grants.evaluation_urls")),
    path("", include("ecodialogue.grants.decision_urls")),
]
