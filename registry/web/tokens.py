"""The "API tokens" page: a user creates (the secret is shown once), lists and revokes their tokens."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.user_messages import message_text
from registry.services import tokens as service
from registry.web import once

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")

DAY_CHOICES = (30, 90, 365)
NEW_SECRET = "tokens.new_secret"  # the session key that holds a new token's secret until it is shown


@bp.before_request
def _not_with_a_token() -> None:
    """Tokens are managed by a person signed in, never by a token: a leaked token could otherwise
    mint others that outlive its revocation."""
    if g.get("api_token_id") is not None:
        raise PermissionDenied(N_("API tokens are managed on the API tokens page when signed in, not with a token."))


def _render(new_secret: str | None = None, error: str | None = None, status: int = 200):
    actor = current_actor()
    listed = service.list_tokens(get_session(), actor, actor.username)
    page = render_template("tokens/index.html", tokens=listed, new_secret=new_secret, error=error, day_choices=DAY_CHOICES,
                           default_days=service.DEFAULT_DAYS, title=gettext("API tokens"))
    # The page with a secret is kept by no cache, and not by the back button either.
    return page, status, {"Cache-Control": "no-store"} if new_secret else {}


@bp.get("")
def index():
    return _render(new_secret=once.take(NEW_SECRET))


@bp.post("")
def create():
    actor = current_actor()
    try:
        days = int(request.form.get("days") or service.DEFAULT_DAYS)
    except ValueError:
        days = 0  # refused by expiry() with a precise message
    try:
        # least privilege: a token reads only unless its maker asks for writing too
        created = service.create_token(get_session(), actor, actor.username, request.form.get("name", ""),
                                       service.expiry(days=days), read_only=request.form.get("access") != "write")
    except ValidationError as error:
        return _render(error=message_text(error), status=422)
    # POST-redirect-GET, so a refresh cannot create a second token; the secret goes (sealed) through
    # the session to the next view of the page, which shows it once: never in a URL, never logged.
    once.keep(NEW_SECRET, created.secret)
    flash(gettext("Token “%(name)s” created.", name=created.token.name), "success")
    return redirect(url_for("tokens.index"), 303)


@bp.post("/<int:token_id>/revoke")
def revoke(token_id: int):
    revoked = service.revoke_token(get_session(), current_actor(), token_id)
    flash(gettext("Token “%(name)s” revoked: it no longer opens the API.", name=revoked.name), "success")
    return redirect(url_for("tokens.index"))
