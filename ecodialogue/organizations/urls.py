from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("organisations/", views.organization_list, name="list"),
    path("organisations/new/", views.organization_register, name="register"),
    path("organisations/mine/", views.my_organizations, name="mine"),
    path("organisations/<int:pk>/", views.organization_detail, name="detail"),
    path("organisations/<int:pk>/edit/", views.organization_edit, name="edit"),
    path("organisations/<int:pk>/people/", views.organization_people, name="people"),
    path(
        "organisations/<int:pk>/people/<int:membership_pk>/remove/", views.membership_remove, name="membership-remove"
    ),
    path("organisations/<int:pk>/people/<int:membership_pk>/role/", views.membership_role, name="membership-role"),
    path("organisations/<int:pk>/leave/", views.organization_leave, name="leave"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("organisations/<int:pk>/join/", views.join_request_create, name="join"),
    path("organisations/<int:pk>/join/<int:request_pk>/", views.join_request_decide, name="join-decide"),
    path("organisations/<int:pk>/certificate/", views.organization_certificate, name="certificate"),
    path("organisations/<int:pk>/verify/", views.organization_verify, name="verify"),
    path("organisations/<int:pk>/network/", views.organization_network, name="network"),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
    path("settlements/search/", views.settlement_search, name="settlement-search"),
]
