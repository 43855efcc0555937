from django.urls import path

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
]
