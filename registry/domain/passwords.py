"""The rule a new password must meet. Length is what protects a password (NIST SP 800-63B §5.1.1.2):
at least ten characters, any characters, no composition rules; not the user name itself."""
from __future__ import annotations

from registry.domain.errors import N_, ValidationError

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # bounds the work of hashing one


def check_new_password(password: str, username: str, field: str = "password") -> None:
    """Raise ValidationError on ``field`` unless ``password`` may be chosen by ``username``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError.single(field, N_("must have at least %(n)s characters"), n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError.single(field, N_("must have at most %(n)s characters"), n=MAX_PASSWORD_LENGTH)
    if password.strip().casefold() == username.strip().casefold():
        raise ValidationError.single(field, N_("must not be the user name"))
