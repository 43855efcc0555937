from django.urls import path

from . import agreement_views as views

urlpatterns = [
    path("calls/<slug:code>/manage/agreements/", views.call_agreements, name="call-dashboard"),
    path("calls/<slug:code>/manage/agreements/new/<int:award_pk>/", views.agreement_create, name="agreement-create"),
    path("agreements/mine/", views.my_agreements, name="my-agreements"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/terms/", views.agreement_terms, name="agreement-terms"),
    path("agreements/<int:pk>/sign/", views.agreement_sign, name="agreement-sign"),
    path("agreements/<int:pk>/state/", views.agreement_transition, name="agreement-transition"),
    path("agreements/<int:pk>/signed.pdf", views.agreement_file, name="agreement-file"),
    path("agreements/<int:pk>/tranches/<int:tranche_pk>/pay/", views.tranche_pay, name="tranche-pay"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/propose/", views.plan_propose, name="plan-propose"),
    path("plans/<int:pk>/changes/<int:change_pk>/", views.plan_change_decide, name="plan-change"),
]
