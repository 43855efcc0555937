from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecodialogue.core.files import check_image, check_pdf

from .bin import bin_findings, normalize_bin
from .models import LegalForm, Membership, Organization, Settlement, Theme
from .services import PROFILE_FIELDS


class SettlementField(forms.CharField):
    """A KATO code typed or picked with the type-ahead; resolves to a Settlement."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text", _("Start typing the name of the village or town in Kazakh or Russian, or its KATO code.")
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"maxlength": 9, "inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Settlement):
            return value.code
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        settlement = Settlement.objects.filter(code=value.strip()).first()
        if settlement is None:
            raise ValidationError(
                _("There is no settlement with the KATO code %(code)s."),
                code="settlement.unknown",
                params={"code": value},
            )
        return settlement


class OrganizationForm(forms.ModelForm):
    settlement = SettlementField(label=_("Settlement"), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    logo = forms.FileField(label=_("Logo"), required=False, help_text=_("PNG or JPEG, at most 2 MB."))

    class Meta:
        model = Organization
        # The fields the profile service accepts, plus the themes it sets separately.
        fields = [*PROFILE_FIELDS, "themes"]
        labels = {
            "name_kk": _("Name in Kazakh"),
            "name_ru": _("Name in Russian"),
            "name_en": _("Name in English"),
            "short_name_kk": _("Short name in Kazakh"),
            "short_name_ru": _("Short name in Russian"),
            "short_name_en": _("Short name in English"),
            "description_kk": _("Description in Kazakh"),
            "description_ru": _("Description in Russian"),
            "description_en": _("Description in English"),
            "country": _("Country of registration (ISO code)"),
        }
        help_texts = {
            "bin": _("12 digits. Required for organisations registered in Kazakhstan, except initiative groups."),
            "legal_form": _("For NGOs: public association, public fund, ..."),
        }
        widgets = {
            "registration_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_kk": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    duplicate = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].queryset = LegalForm.objects.all()
        self.fields["bin"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["country"].widget.attrs.update({"size": 2})
        if self.instance.pk:
            self.initial["themes"] = list(self.instance.themes.all())

    def clean_bin(self):
        value = normalize_bin(self.cleaned_data.get("bin") or "")
        if not value:
            return None
        problems = [f for f in bin_findings(value) if f.is_error]
        if problems:
            raise ValidationError(problems[0].text, code=problems[0].code)
        duplicate = Organization.objects.filter(bin=value).exclude(pk=self.instance.pk).first()
        if duplicate is not None:
            # The page offers to ask to join the existing organisation instead.
            self.duplicate = duplicate
            raise ValidationError(
                _("An organisation with this BIN is already registered: %(name)s. You can ask to join it instead.")
                % {"name": duplicate.name},
                code="bin.duplicate",
            )
        return value

    def clean_country(self):
        return (self.cleaned_data.get("country") or "KZ").upper()

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            check_image(logo)
        return logo

    def clean(self):
        data = super().clean()
        if not (data.get("name_kk") or data.get("name_ru") or data.get("name_en")):
            self.add_error("name_kk", _("Give the organisation's name in at least one language."))
        kind = data.get("kind")
        if (
            "bin" in data
            and not data.get("bin")
            and data.get("country", "KZ") == "KZ"
            and kind not in Organization.KINDS_WITHOUT_BIN
        ):
            self.add_error("bin", _("A BIN is required for organisations registered in Kazakhstan."))
        return data

    def profile_data(self) -> dict:
        data = {key: value for key, value in self.cleaned_data.items() if key not in ("themes", "logo")}
        if self.cleaned_data.get("logo"):
            data["logo"] = self.cleaned_data["logo"]
        return data


class CertificateForm(forms.Form):
    certificate = forms.FileField(
        label=_("Registration certificate (PDF)"),
        help_text=_("The certificate of state registration downloaded from egov.kz, as a PDF file of at most 10 MB."),
    )

    def clean_certificate(self):
        upload = self.cleaned_data["certificate"]
        check_pdf(upload)
        return upload


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )


class VerificationForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Organization.Verification.VERIFIED, _("Verify")),
            (Organization.Verification.REJECTED, _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting: say what is wrong and how to fix it."),
    )


class NetworkForm(forms.Form):
    status = forms.ChoiceField(label=_("EcoDialogue network"), choices=Organization.NetworkStatus.choices)
    since = forms.DateField(
        label=_("Member since"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the organisation's heads"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.MultipleChoiceField(
        label=_("Kind"), choices=Organization.Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    network = forms.ChoiceField(
        label=_("EcoDialogue network"),
        required=False,
        choices=[("", _("all")), ("yes", _("members")), ("no", _("not members"))],
    )
    verified = forms.ChoiceField(
        label=_("Verification"),
        required=False,
        choices=[("", _("all")), ("yes", _("verified")), ("no", _("not verified"))],
    )

    def __init__(self, *args, regions: list, themes: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("all regions")), *regions]
        self.fields["theme"].choices = [("", _("all themes")), *themes]

    def query_string(self) -> str:
        """The valid filters as a query string: pages of shared cached results never carry raw input."""
        if not self.is_valid():
            return ""
        pairs = []
        for name in ("q", "kind", "region", "theme", "network", "verified"):
            value = self.cleaned_data.get(name)
            for item in value if isinstance(value, list) else [value]:
                if item:
                    pairs.append((name, item))
        return urlencode(pairs)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        as_bool = {"yes": True, "no": False}
        return {
            "q": data.get("q") or "",
            "kinds": data.get("kind") or None,
            "region": data.get("region") or None,
            "theme": data.get("theme") or None,
            "network_member": as_bool.get(data.get("network") or ""),
            "verified": as_bool.get(data.get("verified") or ""),
        }
