from django.http import Http404


def activity_add(request, **kw):
    raise Http404


def activity_remove(request, **kw):
    raise Http404


def decision_add(request, **kw):
    raise Http404


def decision_document(request, **kw):
    raise Http404


def decision_remove(request, **kw):
    raise Http404


def expenditure_add(request, **kw):
    raise Http404


def expenditure_receipt(request, **kw):
    raise Http404


def expenditure_remove(request, **kw):
    raise Http404


def output_add(request, **kw):
    raise Http404


def output_confirm(request, **kw):
    raise Http404


def output_file(request, **kw):
    raise Http404


def output_remove(request, **kw):
    raise Http404


def pilot_report(request, **kw):
    raise Http404


def report_detail(request, **kw):
    raise Http404


def report_review(request, **kw):
    raise Http404


def report_submit(request, **kw):
    raise Http404


def report_summary(request, **kw):
    raise Http404
