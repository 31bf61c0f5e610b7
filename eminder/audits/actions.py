"""The audited actions, each with the sentence the audit log shows for it."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "account.login": _("Logged in"),
    "account.logout": _("Logged out"),
    "account.password_change": _("Changed their password"),
    "account.password_reset": _("Reset their password"),
    "account.language": _("Changed their language"),
    "token.create": _("Created an API token"),
    "token.revoke": _("Revoked an API token"),
    "centre.create": _("Set up a centre"),
    "centre.update": _("Changed the centre's details"),
    "partner.create": _("Added a partner organisation"),
    "partner.update": _("Changed a partner organisation"),
    "partner.delete": _("Removed a partner organisation"),
    "invitation.send": _("Invited a person"),
    "invitation.accept": _("Accepted an invitation"),
    "membership.coordinator": _("Appointed a network coordinator"),
    "membership.role": _("Changed a role"),
    "membership.deactivate": _("Deactivated a membership"),
    "membership.reactivate": _("Reactivated a membership"),
    "report.centre_profile": _("Generated a centre profile"),
    "statistics.import": _("Imported official statistics"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
