from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The user's e-mail, whether it is verified and how they signed in (`amr`), chosen per
    user by the test (settings.OP_CLAIMS)."""

    # django-oauth-toolkit emits only the claims mapped to a granted scope.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid"}

    def get_additional_claims(self, request):
        user = request.user
        chosen = settings.OP_CLAIMS.get(user.email, {})
        return {
            "email": user.email,
            "email_verified": chosen.get("email_verified", True),
            "given_name": user.first_name,
            "family_name": user.last_name,
            "amr": chosen.get("amr", ["pwd"]),
        }
