import pytest
pytestmark = pytest.mark.django_db

def test_pages(complete_application, lead_head, client_for, partner_head, network_call):
    c = client_for(lead_head)
    a = complete_application
    for url in [a.get_absolute_url(), f"/kk/applications/{a.pk}/lead/", f"/kk/applications/{a.pk}/pilots/{a.pilots.first().pk}/",
                f"/kk/consortia/{a.consortium_id}/", f"/kk/applications/{a.pk}/pdf/", f"/kk/consortia/{a.consortium_id}/memorandum.pdf",
                "/kk/receipts/verify/"]:
        r = c.get(url)
        print(url, r.status_code, len(r.content))
        assert r.status_code == 200, r.content[:3000]
    p = a.pilots.first()
    r = c.post(f"/kk/applications/{a.pk}/pilots/{p.pk}/", {"version": p.version, "title": "Жаңа", "act-0-title": "x", "act-0-start_month": "1", "act-0-end_month": "9", "line-0-quantity": "abc"}, HTTP_HX_REQUEST="true")
    print(r.status_code, r.content.decode()[:3000])
    r = c.post(f"/kk/applications/{a.pk}/pilots/{p.pk}/", {"version": p.version, "title": "Old"}, HTTP_HX_REQUEST="true")
    print(r.status_code, r.content.decode()[:2000])
