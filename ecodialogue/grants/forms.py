from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Call


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Questions and answers are published on this page without your name."),
    )


class AnnouncementForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, required=False, max_length=300
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            code: {"title": data[f"title_{code}"], "body": data[f"body_{code}"]} for code, _name in settings.LANGUAGES
        }


class AnswerForm(forms.Form):
    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=getattr(question, f"text_{code}", "") if question else "",
            )
            self.fields[f"answer_{code}"] = forms.CharField(
                label=_("Answer (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict:
        return {code: self.cleaned_data[f"answer_{code}"] for code, _name in settings.LANGUAGES}

    def texts(self) -> dict:
        return {code: self.cleaned_data[f"text_{code}"] for code, _name in settings.LANGUAGES}


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Call.Status.choices)
    note = forms.CharField(label=_("Note for the history"), required=False, max_length=1000)


class CloneForm(forms.Form):
    code = forms.SlugField(
        label=_("Code of the new call"),
        max_length=64,
        help_text=_("Latin letters, digits and hyphens; used in its address."),
    )


class ConsortiumCreateForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead NGO"), queryset=None, empty_label=None)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organizations


class ConsortiumInviteForm(forms.Form):
    query = forms.CharField(
        label=_("Organisation's name or BIN"),
        max_length=200,
        help_text=_("Find the NGO in the directory. An NGO that is not registered yet must register first."),
    )


class EmailInvitationForm(forms.Form):
    organization_name = forms.CharField(label=_("Name of the NGO"), max_length=300)
    email = forms.EmailField(label=_("E-mail of its head"))
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES)
