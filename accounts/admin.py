from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.audit import security_log
from accounts.models import Invitation, SchoolEmailDomain, SecurityEvent, SecurityEventKind, User

# Django admin signs in through allauth, so its rate limits and two-factor step apply there too.
admin.site.login = secure_admin_login(admin.site.login)

ACCESS_FIELDS = ["is_active", "is_staff", "is_superuser"]


class AuthenticatorInline(admin.TabularInline):
    """The account's two-factor authenticators. Deleting them resets a lost phone: the next
    sign-in asks the person to set up a new one (docs/security.md, "A lost authenticator")."""

    model = Authenticator
    verbose_name = "two-factor authenticator"
    fields = readonly_fields = ["type", "created_at", "last_used_at"]
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = ["groups"]
    inlines = [AuthenticatorInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        changed = [name for name in ACCESS_FIELDS if name in form.changed_data]
        if changed:
            security_log(
                kind=SecurityEventKind.ROLE_CHANGED,
                user=request.user,
                request=request,
                account=obj.pk,
                changed={name: getattr(obj, name) for name in changed},
            )

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        for authenticator in formset.deleted_objects:
            if isinstance(authenticator, Authenticator):
                security_log(
                    kind=SecurityEventKind.MFA_REMOVED,
                    user=request.user,
                    request=request,
                    account=form.instance.pk,
                    type=authenticator.type,
                )


@admin.register(SchoolEmailDomain)
class SchoolEmailDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "school", "entra_tenant_id"]
    search_fields = ["domain", "school__name"]
    autocomplete_fields = ["school"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made on the invite page, so the e-mail goes out."""

    list_display = ["email", "school", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["accepted_at"]
    search_fields = ["email", "school__name"]
    list_select_related = ["school", "invited_by"]
    exclude = ["token_hash"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log: admins read it; nobody edits or deletes it here."""

    list_display = ["created_at", "kind", "user", "ip", "path"]
    list_filter = ["kind"]
    search_fields = ["user__email", "ip", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# Single sign-on providers are configured in the environment only (docs/sso.md); apps saved
# here would be ignored (accounts.socialadapter), and access tokens are not kept.
admin.site.unregister(SocialApp)
admin.site.unregister(SocialToken)
