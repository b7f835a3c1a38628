from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation

from accounts.models import User
from alliance.lib.forms import PortalForm
from schools.models import School


class InvitationForm(PortalForm):
    """Who to invite and to which school. The schools offered are those the user may invite to."""

    email = forms.EmailField(label="E-mail address")
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    school = forms.ModelChoiceField(queryset=School.objects.none())

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(PortalForm):
    """The invited address (it must be the one invited) and a new password."""

    email = forms.EmailField(
        label="E-mail address", help_text="The address this invitation was sent to."
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password (again)",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invited_email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invited_email = invited_email
        self.fields["email"].initial = invited_email

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email != self.invited_email.lower():
            raise forms.ValidationError(
                "This invitation was sent to a different e-mail address.", code="wrong_address"
            )
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are different.")
        elif password1:
            try:
                password_validation.validate_password(password1, User(email=self.invited_email))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


# allauth's forms, as the portal shows them (settings.ACCOUNT_FORMS) ---------------------------


class _SentenceCaseLabels:
    """allauth's Title Case labels in sentence case: "Remember me", "New password (again)"."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "")
            field.label = label[:1] + label[1:].lower()


class LoginForm(_SentenceCaseLabels, allauth_forms.LoginForm, PortalForm):
    pass


class ChangePasswordForm(_SentenceCaseLabels, allauth_forms.ChangePasswordForm, PortalForm):
    pass


class ResetPasswordForm(_SentenceCaseLabels, allauth_forms.ResetPasswordForm, PortalForm):
    pass


class ResetPasswordKeyForm(_SentenceCaseLabels, allauth_forms.ResetPasswordKeyForm, PortalForm):
    pass
