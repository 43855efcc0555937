from django.urls import path, re_path

from . import project_page, staff_views, views

app_name = "projectdb"

urlpatterns = [
    path("projects/", views.project_search, name="search"),
    path("projects/statistics/", views.project_statistics, name="statistics"),
    re_path(r"^projects/export\.(?P<fmt>csv|xlsx|xml)$", views.project_export, name="export"),
    path("projects/<int:pk>/", project_page.project_detail, name="detail"),
    # Staff only.
    path("projects/new/", staff_views.project_create, name="create"),
    path("projects/<int:pk>/edit/", staff_views.project_edit, name="edit"),
    path("projects/<int:pk>/history/", staff_views.project_history, name="history"),
    path("projects/imports/", staff_views.import_list, name="imports"),
    path("projects/imports/<int:pk>/", staff_views.import_detail, name="import-detail"),
    re_path(r"^projects/imports/template\.(?P<fmt>csv|xlsx)$", staff_views.import_template, name="import-template"),
]
