from django.urls import path, re_path

from . import public_views as views

CODE = r"(?P<code>[-a-zA-Z0-9_]+)"

urlpatterns = [
    path("calls/<slug:code>/impact/", views.call_impact, name="call-impact"),
    re_path(rf"^calls/{CODE}/impact\.(?P<fmt>csv|xlsx)$", views.call_impact_export, name="call-impact-export"),
    re_path(rf"^calls/{CODE}/iati\.xml$", views.call_iati, name="call-iati"),
    path("pilots/<int:pk>/", views.pilot_public, name="pilot-public"),
    path("pilots/<int:pk>/outputs/<int:output_pk>/file", views.public_output_file, name="public-output-file"),
]
