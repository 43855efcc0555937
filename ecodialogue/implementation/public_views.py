from django.http import Http404


def call_iati(request, **kw):
    raise Http404


def call_impact(request, **kw):
    raise Http404


def call_impact_export(request, **kw):
    raise Http404


def pilot_public(request, **kw):
    raise Http404


def public_output_file(request, **kw):
    raise Http404
