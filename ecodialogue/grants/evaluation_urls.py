"""URLs of the evaluation pages (included by grants/urls.py, in the grants namespace)."""

from django.urls import path

from . import evaluation_views as views

MANAGE = "calls/<slug:code>/manage"

urlpatterns = [
    # Staff of the call: screening.
    path(f"{MANAGE}/screening/", views.call_screening, name="call-screening"),
    path(f"{MANAGE}/screening/<int:application_pk>/", views.screening_decide, name="screening-decide"),
    # Staff of the call: the commission and its assignments.
    path(f"{MANAGE}/commission/", views.call_commission, name="call-commission"),
    path(f"{MANAGE}/commission/appoint/", views.commission_appoint, name="commission-appoint"),
    path(f"{MANAGE}/commission/<int:member_pk>/remove/", views.commission_remove, name="commission-remove"),
    path(f"{MANAGE}/commission/assign/", views.assignments_auto, name="assignments-auto"),
    path(
        f"{MANAGE}/commission/applications/<int:application_pk>/assign/",
        views.assignment_add,
        name="assignment-add",
    ),
    path(
        f"{MANAGE}/commission/assignments/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment-remove",
    ),
    path(
        f"{MANAGE}/commission/assignments/<int:assignment_pk>/remind/",
        views.assignment_remind,
        name="assignment-remind",
    ),
    # Evaluators: their assignments, the declaration, the scores.
    path("evaluation/", views.evaluation_home, name="evaluation-home"),
    path("evaluation/<int:assignment_pk>/", views.assignment_detail, name="assignment-detail"),
    path("evaluation/<int:assignment_pk>/declare/", views.assignment_declare, name="assignment-declare"),
    path("evaluation/<int:assignment_pk>/scores/", views.assignment_score, name="assignment-score"),
    path("evaluation/<int:assignment_pk>/submit/", views.assignment_submit, name="assignment-submit"),
]
