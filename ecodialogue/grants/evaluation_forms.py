"""Forms of the evaluation pages: screening, the commission, the declaration and the scores.

They check the shape of what is posted; the rules (a failure needs a reason, a score within the
criterion's range, every criterion commented before submitting) belong to the services, which
refuse with words the page shows.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Criterion, Screening


class ScreeningForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Screening.Result.choices)
    reason = forms.CharField(
        label=_("Reason (the applicant will read it)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppointForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        label=_("E-mail of the commission member"),
        help_text=_("Someone without an account is invited to sign up with this address."),
    )


class MemberChoiceForm(forms.Form):
    """Which member of the call's commission a manual assignment is for (the service checks the rest)."""

    member = forms.IntegerField(min_value=1)


class DeclarationForm(forms.Form):
    NO_CONFLICT, CONFLICT = "no", "yes"

    conflict = forms.ChoiceField(
        label=_("Conflict of interest"),
        widget=forms.RadioSelect,
        choices=[
            (NO_CONFLICT, _("I have no conflict of interest with this consortium or its members")),
            (CONFLICT, _("I have a conflict of interest: I will not evaluate this application")),
        ],
    )
    note = forms.CharField(
        label=_("About the conflict (seen by the call's staff)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def declared_conflict(self) -> bool:
        return self.cleaned_data["conflict"] == self.CONFLICT


class ScoresForm(forms.Form):
    """A score from 0 to the criterion's maximum and a comment, per criterion; blanks are a draft's."""

    def __init__(self, *args, criteria: list[Criterion], scores: dict | None = None, **kwargs):
        scores = scores or {}  # criterion id → Score, the saved draft
        initial = {}
        for criterion in criteria:
            saved = scores.get(criterion.pk)
            initial[f"score_{criterion.pk}"] = saved.score if saved else None
            initial[f"comment_{criterion.pk}"] = saved.comment if saved else ""
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("Score, 0 to %(max)d") % {"max": criterion.max_score},
                required=False,
                min_value=0,
                max_value=criterion.max_score,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment (required)"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self) -> list[dict]:
        return [
            {"criterion": c, "score": self[f"score_{c.pk}"], "comment": self[f"comment_{c.pk}"]} for c in self.criteria
        ]

    def scores(self) -> dict:
        """{criterion id: (score or None, comment)}, as scores_save takes them.

        Only the criteria whose fields were posted: a post without them (an older page, a
        hand-made request) must not blank the saved draft.
        """
        return {
            c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}") or "")
            for c in self.criteria
            if f"score_{c.pk}" in self.data or f"comment_{c.pk}" in self.data
        }
