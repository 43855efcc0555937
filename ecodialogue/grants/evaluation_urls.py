"""URLs of the evaluation pages (included by grants/urls.py, in the grants namespace)."""

urlpatterns: list = []
