from django.urls import path

from . import report_views as views

PART = "reports/<int:pk>/parts/<int:part_pk>/"

urlpatterns = [
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/summary/", views.report_summary, name="report-summary"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report-review"),
    path("reports/<int:pk>/outputs/<int:output_pk>/confirm/", views.output_confirm, name="output-confirm"),
    path(PART, views.pilot_report, name="pilot-report"),
    path(PART + "activities/", views.activity_add, name="part-activity-add"),
    path(PART + "activities/<int:row_pk>/remove/", views.activity_remove, name="part-activity-remove"),
    path(PART + "expenditures/", views.expenditure_add, name="part-expenditure-add"),
    path(PART + "expenditures/<int:row_pk>/remove/", views.expenditure_remove, name="part-expenditure-remove"),
    path(PART + "expenditures/<int:row_pk>/receipt", views.expenditure_receipt, name="expenditure-receipt"),
    path(PART + "outputs/", views.output_add, name="part-output-add"),
    path(PART + "outputs/<int:row_pk>/remove/", views.output_remove, name="part-output-remove"),
    path(PART + "outputs/<int:row_pk>/file", views.output_file, name="output-file"),
    path(PART + "decisions/", views.decision_add, name="part-decision-add"),
    path(PART + "decisions/<int:row_pk>/remove/", views.decision_remove, name="part-decision-remove"),
    path(PART + "decisions/<int:row_pk>/document", views.decision_document, name="decision-document"),
]
