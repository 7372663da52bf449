"""Who an import acts for, when the CLI is told ``--as-user``."""
from __future__ import annotations

from registry.domain.errors import N_, NotFound
from registry.domain.permissions import Actor
from registry.repositories import accounts as account_repository


def actor_named(session, username: str) -> Actor:
    user = account_repository.user_by_name(session, username)
    if user is None or not user.is_active:
        raise NotFound(N_("no user named %(name)s"), name=username)
    return Actor(user.id, user.username, user.role, user.district_code)
