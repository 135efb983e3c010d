"""Messages Django and the installed apps show on our pages that their Vietnamese catalogues lack.

Django's Vietnamese catalogue stops short of its newer messages ("Null characters are not
allowed.", "“%(pk)s” is not a valid value.", the formset's management-form message...),
and axes and auditlog have no Vietnamese at all: a clerk would read them in English in the
middle of a Vietnamese form or the admin's index.

The copies below have exactly Django's (or the app's) msgids, so ``makemessages`` puts
them into our catalogue, where they are translated; at run time Django looks the same
msgid up in our catalogue first (LOCALE_PATHS come before the apps' own catalogues), so
the validator's own message comes out in Vietnamese. Nothing imports these names: the
strings are read by ``makemessages``, not by code. tests/test_borrowed_messages.py checks
that each is still Django's msgid and still missing from Django's catalogue.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# django.core.validators ----------------------------------------------------------------
VALIDATORS = (
    _("Null characters are not allowed."),
    _("Enter a valid domain name."),
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    _("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    _("Enter a valid %(protocol)s address."),
    _("IPv4"),
    _("IPv6"),
    _("IPv4 or IPv6"),
    _("Ensure this value is a multiple of step size %(limit_value)s."),
    _(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, "
        "%(valid_value1)s, %(valid_value2)s, and so on."
    ),
    _("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    _("This is not a valid IPv6 address."),
)

# django.forms: fields, formsets, model forms -------------------------------------------
FORMS = (
    _("Enter a valid duration."),
    _("The number of days must be between {min_days} and {max_days}."),
    _("Enter a complete value."),
    _("Enter a valid UUID."),
    _("Enter a valid JSON."),
    _(
        "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need "
        "to file a bug report if the issue persists."
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", "num"),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", "num"),
    _("The inline value did not match the parent instance."),
    _("“%(pk)s” is not a valid value."),
    _(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may "
        "not exist."
    ),
)

# django.db.models fields: a value the model refuses ------------------------------------
MODEL_FIELDS = (
    _("“%(value)s” value must be either True or False."),
    _("“%(value)s” value must be either True, False, or None."),
    _("“%(value)s” value must be either None, True or False."),
    _("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    _("“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."),
    _("“%(value)s” value must be a decimal number."),
    _("“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."),
    _("“%(value)s” value must be a float."),
    _("“%(value)s” value must be an integer."),
    _("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
    _("“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."),
    _("“%(value)s” is not a valid UUID."),
    _("Value must be valid JSON."),
    _("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)

# django.contrib.auth: passwords and usernames (the password pages, the admin's user form)
AUTH = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    _(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, "
        "numbers, and @/./+/-/_ characters."
    ),
    _("Reset password"),
    _("Set password"),
    _("Password-based authentication"),
    _("Enabled"),
    _("Disabled"),
    _(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be "
        "able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Enable password-based authentication for this user by setting a password."),
)

# axes and auditlog: their names in the admin's index --------------------------------------
ADMIN_INDEX = (
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("Audit log"),
    _("log entry"),
    _("log entries"),
)
