"""URLs of the decision pages (included by grants/urls.py, in the grants namespace)."""

urlpatterns: list = []
