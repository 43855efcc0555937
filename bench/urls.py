"""The project's URLs plus the two reference views the budgets are measured against.

- /bench/trivial: a fixed short response (the cost of the request cycle and middleware);
- /bench/reference-list: 20 rows of the Organization table rendered by a
  minimal template without layout (the cost of one query and a small template).
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from ecodialogue.organizations.models import Organization
from ecodialogue.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def reference_list(request):
    # Ordered by the same indexed key as the directory, so the reference is the cheap baseline.
    organizations = Organization.objects.select_related("settlement").order_by("sort_kk", "id")[:20]
    return render(request, "reference_list.html", {"organizations": organizations})


urlpatterns = [
    path("bench/trivial", trivial, name="bench-trivial"),
    path("bench/reference-list", reference_list, name="bench-reference-list"),
    *project_urlpatterns,
]
