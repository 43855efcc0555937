from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("account/profile/", views.profile, name="profile"),
    path("account/tokens/", views.api_tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.api_token_revoke, name="token-revoke"),
]
