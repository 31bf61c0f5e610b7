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
    "enterprise.create": _("Registered an enterprise"),
    "enterprise.update": _("Changed an enterprise's details"),
    "enterprise.owners": _("Changed an enterprise's owner accounts"),
    "enterprise.import": _("Imported enterprises from a file"),
    "contact.create": _("Added a contact person"),
    "contact.update": _("Changed a contact person"),
    "contact.export": _("Exported a contact person's data"),
    "contact.erase": _("Erased a contact person"),
    "instrument.store": _("Stored questionnaire versions"),
    "assessment.start": _("Started an assessment"),
    "assessment.link": _("Sent a self-assessment link"),
    "assessment.submit": _("Submitted an assessment"),
    "assessment.correct": _("Reopened an assessment for correction"),
    "assessment.withdraw": _("Withdrew an assessment"),
    "assessment.remind": _("Reminded the advisor that a T1 assessment is due"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
