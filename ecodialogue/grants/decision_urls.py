"""URLs of the decision pages (included by grants/urls.py, in the grants namespace)."""

from django.urls import path, re_path

from . import decision_views as views

CODE = r"(?P<code>[-a-zA-Z0-9_]+)"  # the slug converter's characters

urlpatterns = [
    path("calls/<slug:code>/manage/ranking/", views.call_ranking, name="call-ranking"),
    re_path(rf"^calls/{CODE}/manage/ranking\.(?P<fmt>csv|xlsx)$", views.ranking_export, name="ranking-export"),
    path("calls/<slug:code>/manage/ranking/<int:pk>/", views.selection_override, name="selection-override"),
    path(
        "calls/<slug:code>/manage/ranking/<int:pk>/clear/",
        views.selection_override_clear,
        name="selection-override-clear",
    ),
    path("calls/<slug:code>/manage/decision/", views.decision_record, name="decision-record"),
    path("calls/<slug:code>/manage/decision/publish/", views.results_publish, name="results-publish"),
    path("calls/<slug:code>/manage/protocol.pdf", views.protocol_pdf, name="protocol-pdf"),
    path("calls/<slug:code>/results/", views.call_results, name="call-results"),
    re_path(rf"^calls/{CODE}/results\.(?P<fmt>csv|xlsx|json)$", views.call_results_export, name="call-results-export"),
]
