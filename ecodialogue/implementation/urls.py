"""Pages of a grant's implementation, one module per audience: agreements and plans, reports, the public."""

from . import agreement_urls, public_urls, report_urls

app_name = "implementation"

urlpatterns = [*agreement_urls.urlpatterns, *report_urls.urlpatterns, *public_urls.urlpatterns]
