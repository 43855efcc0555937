from django.http import Http404


def agreement_create(request, **kw):
    raise Http404


def agreement_detail(request, **kw):
    raise Http404


def agreement_file(request, **kw):
    raise Http404


def agreement_sign(request, **kw):
    raise Http404


def agreement_terms(request, **kw):
    raise Http404


def agreement_transition(request, **kw):
    raise Http404


def call_agreements(request, **kw):
    raise Http404


def my_agreements(request, **kw):
    raise Http404


def plan_change_decide(request, **kw):
    raise Http404


def plan_detail(request, **kw):
    raise Http404


def plan_propose(request, **kw):
    raise Http404


def tranche_pay(request, **kw):
    raise Http404
