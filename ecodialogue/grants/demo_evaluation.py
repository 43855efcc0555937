"""Demo evaluation: the seed call screened, scored by its commission, decided and published in June 2026.

Everything is done through the services (grants/services.py for the call's state, grants/evaluation.py
for the rest), as the grant-maker's staff (grants@demo.ecodialogue.kz) and the four independent experts
of the commission would do it on the platform, at moments between the call's deadline (1 June 2026) and
its results date (25 June 2026, 12:00 Almaty):

    2 June    staff move the call from closed to under review, screen the 8 applications (7 pass; the
              registration certificate of «Иртыш»'s partner is older than the call allows) and appoint
              the commission
    3 June    staff assign the applications automatically (the call's 3 evaluators each)
    4 June    an evaluator declares a conflict of interest on one application before opening it; staff
              run the automatic assignment again, and the application gets a third evaluator
    6–18 June every other evaluator declares no conflict, saves a draft and submits the scores
    24 June   staff record the commission's decision (5 consortia, within €60,000), to be published on
              the results date
    25 June   the results are published at 12:00 (as the scheduled task would: no one acting), and the
              call is "decided"

The scores and comments are in demo_evaluation_data.py, with the ranking they give. The commission's
protocol needs no seeding: the decision freezes the whole ranking (Decision.ranking, with its date and the
members present), and the protocol is made from it.

The clock. As in demo_applications.py, each step runs inside demo_applications._clock(moment), which
patches django.utils.timezone.now, and the services that take `now=` are given the same moment. The
services check their rules against that `now`, but several of them take no `now` at all (screening_decide,
commission_appoint, assignments_auto) and every model's auto_now field reads the clock: the screening's
decided_at, the commission's appointed_at, the assignments' created_at, the scores' updated_at, the
decision's recorded_at, the call's updated_at and transitions, the activity log. Without the patch the
demo's June 2026 would carry today's timestamps, and the protocol and the history pages would say the
commission met after it decided. Patching the clock is safe here only because seed_demo is a one-off
command (refused in production) and nothing else runs in its process.

E-mails. The services queue their e-mails as always (queue_email renders them at the patched moment and
hands them to the task queue on commit): the commission's four appointment letters and, at publication,
the results to the heads of every applying consortium's NGOs. Once the worker runs they land in var/mail,
which is what the demo's inboxes would really have received: acceptable. The decision also queues the
task that publishes the results on their date; the results being published already, the worker finds
nothing to do when it runs it (publish_results_when_due returns False).
"""

import datetime

from django.db import transaction

from ecodialogue.accounts.models import User

from . import evaluation
from .demo_applications import ALMATY, SEED_CALL, _clock, _organisations
from .demo_evaluation_data import CONFLICT, EVALUATIONS, EXPERTS, SCREENING_FAILED
from .models import Application, Assignment, Call, Decision, Screening
from .services import call_transition

STAFF = "grants@demo.ecodialogue.kz"


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=ALMATY)


def seed_evaluation() -> int:
    """Evaluate the seed call and publish its results, once; return 1 if it did, 0 if there was nothing to do.

    Idempotent: a seed call with a decision has been evaluated (by this or by someone trying the platform),
    and is left alone. So is a call whose applications are not the demo's: the story would not fit.
    """
    call = Call.objects.filter(code=SEED_CALL).first()
    if call is None or Decision.objects.filter(call=call).exists():
        return 0
    if call.status not in (Call.Status.CLOSED, Call.Status.UNDER_REVIEW):
        return 0
    staff = User.objects.filter(email=STAFF).first()
    experts = {user.email: user for user in User.objects.filter(email__in=EXPERTS)}
    applications = _applications(call)
    if staff is None or len(experts) < len(EXPERTS) or applications is None:
        return 0
    with transaction.atomic():
        _review(call, staff)
        _screen(applications, staff)
        _appoint(call, staff, experts)
        with _clock(_at(6, 3, 10, 0)):
            evaluation.assignments_auto(call=call, actor=staff)
        _declare_conflict(applications[CONFLICT["lead"]], experts)
        # The application with the conflict has two evaluators left: the automatic assignment gives it the
        # member who had not been assigned to it (the others keep theirs).
        with _clock(_at(6, 4, 11, 0)):
            evaluation.assignments_auto(call=call, actor=staff)
        _score(applications)
        _decide(call, staff)
    return 1


def _applications(call: Call) -> dict[str, Application] | None:
    """The seed call's submitted applications by the key of their lead; None unless they are exactly the demo's."""
    keys = {organization.pk: key for key, organization in _organisations().items()}
    submitted = {
        keys.get(application.consortium.lead_id): application
        for application in Application.objects.filter(call=call, status=Application.Status.SUBMITTED)
        .select_related("consortium")
        .order_by("number")
    }
    if set(submitted) != set(EVALUATIONS) | set(SCREENING_FAILED):
        return None
    return submitted


def _review(call: Call, staff) -> None:
    if call.status == Call.Status.CLOSED:
        with _clock(_at(6, 2, 10, 0)) as now:
            call_transition(
                call=call,
                actor=staff,
                to=Call.Status.UNDER_REVIEW,
                note="Приём заявок завершён: административная проверка и экспертиза конкурсной комиссии.",
                now=now,
            )
    call.refresh_from_db()


def _screen(applications: dict[str, Application], staff) -> None:
    """Staff check each application's documents by hand, in the order of the numbers, 20 minutes each."""
    for index, (key, application) in enumerate(sorted(applications.items(), key=lambda item: item[1].number)):
        failed = key in SCREENING_FAILED
        with _clock(_at(6, 2, 11, 0) + datetime.timedelta(minutes=20 * index)):
            evaluation.screening_decide(
                application=application,
                actor=staff,
                result=Screening.Result.FAILED if failed else Screening.Result.PASSED,
                reason=SCREENING_FAILED.get(key, ""),
            )


def _appoint(call: Call, staff, experts: dict) -> None:
    """The four experts, appointed by e-mail: seed_demo gave each an account with that (verified) address."""
    for index, email in enumerate(EXPERTS):
        if call.commission.filter(email=email, active=True).exists():
            continue
        with _clock(_at(6, 2, 16, 0) + datetime.timedelta(minutes=5 * index)):
            member = evaluation.commission_appoint(call=call, actor=staff, email=email)
        if member.user_id != experts[email].pk:  # the address was not verified: the seat waits for its owner
            raise RuntimeError(f"The demo expert {email} has no verified e-mail address: run seed_demo.")


def _declare_conflict(application: Application, experts: dict) -> None:
    assignment = Assignment.objects.filter(application=application, member__user=experts[CONFLICT["expert"]]).first()
    if assignment is None:  # the automatic assignment chose otherwise: the application's first evaluator declares
        assignment = Assignment.objects.filter(application=application).order_by("id").first()
    with _clock(_at(6, 4, 9, 30)) as now:
        evaluation.conflict_declare(
            assignment=assignment, actor=assignment.member.user, conflict=True, note=CONFLICT["note"], now=now
        )


def _score(applications: dict[str, Application]) -> None:
    """Every evaluation, in the order of submission: declared the day before, a draft, then the scores submitted."""
    work = []
    for key, specs in EVALUATIONS.items():
        assignments = list(
            Assignment.objects.filter(application=applications[key])
            .exclude(status=Assignment.Status.CONFLICT)
            .select_related("member__user", "application__call")
            .order_by("id")
        )
        # Each evaluation goes to the evaluator named in the data; were the automatic assignment to choose
        # others, the evaluations left over are given to the assignments left over, in order.
        by_email = {a.member.user.email: a for a in assignments}
        left = [a for a in assignments if a.member.user.email not in {s["expert"] for s in specs}]
        for spec in specs:
            assignment = by_email.get(spec["expert"]) or left.pop(0)
            work.append((datetime.datetime(*spec["submitted"], tzinfo=ALMATY), assignment, spec))
    for submitted, assignment, spec in sorted(work, key=lambda item: item[0]):
        criteria = list(assignment.application.call.criteria.order_by("position", "id"))
        pairs = zip(spec["scores"], spec["comments"], strict=True)  # (score, comment) of each criterion
        given = dict(zip([c.pk for c in criteria], pairs, strict=True))
        half = len(criteria) // 2
        evaluator = assignment.member.user
        opened = (submitted - datetime.timedelta(days=1)).replace(hour=10, minute=submitted.minute)
        with _clock(opened) as now:
            evaluation.conflict_declare(assignment=assignment, actor=evaluator, conflict=False, now=now)
        with _clock(opened + datetime.timedelta(hours=5)) as now:
            evaluation.scores_save(
                assignment=assignment, actor=evaluator, scores={c.pk: given[c.pk] for c in criteria[:half]}, now=now
            )
        with _clock(submitted) as now:
            evaluation.scores_save(
                assignment=assignment, actor=evaluator, scores={c.pk: given[c.pk] for c in criteria[half:]}, now=now
            )
            evaluation.assignment_submit(assignment=assignment, actor=evaluator, now=now)


def _decide(call: Call, staff) -> None:
    """The commission's meeting of 24 June, and the publication on the results date.

    The proposal is recorded as the platform makes it (no change of the selection): going down the ranking,
    the first five are selected and the sixth and seventh are not, because the call's five winners are
    selected before them (reason "winners"). The budget rule never skips anyone here: every request lies
    within the grant range, at most €12,000, and 5 × €12,000 is the call's €60,000, so after four winners at
    least €12,000 is always left. The commission discussed the flagged application (a disagreement above
    the call's spread) and kept it.
    """
    members = call.commission.filter(active=True, assignments__status=Assignment.Status.SUBMITTED)
    names = [member.user.full_name for member in members.select_related("user").distinct().order_by("id")]
    with _clock(_at(6, 24, 15, 30)) as now:
        evaluation.decision_record(
            call=call,
            actor=staff,
            decided_on=datetime.date(2026, 6, 24),
            members_present=", ".join(names),
            publish_at=call.results_at,
            now=now,
        )
    with _clock(call.results_at or _at(6, 25, 12, 0)) as now:
        evaluation.results_publish(call=call, actor=None, now=now)
