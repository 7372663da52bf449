"""The "API tokens" page: a user creates (the secret is shown once), lists and revokes their tokens."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.i18n import labelled
from registry.user_messages import field_texts
from registry.services import tokens as service
from registry.web import once

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")

DAY_CHOICES = (30, 90, 365)
# the form's fields by their labels, for the problems said under it (a refused expiry is the period's)
FIELD_LABELS = {"name": N_("Name"), "days": N_("Valid for"), "expires": N_("Valid for")}
NEW_SECRET = "tokens.new_secret"  # the session key that holds a new token's secret until it is shown


@bp.before_request
def _not_with_a_token() -> None:
    """Tokens are managed by a person signed in, never by a token: a leaked token could otherwise
    mint others that outlive its revocation."""
    if g.get("api_token_id") is not None:
        raise PermissionDenied(N_("API tokens are managed on the API tokens page when signed in, not with a token."))


def _render(new_secret: str | None = None, errors: dict[str, str] | None = None, status: int = 200):
    """The page; after a refused token, each field's problem (``errors``) under the form, which keeps
    what was typed (the request's form)."""
    actor = current_actor()
    listed = service.list_tokens(get_session(), actor, actor.username)
    page = render_template("tokens/index.html", tokens=listed, new_secret=new_secret, errors=errors or {},
                           form=request.form if errors else {}, day_choices=DAY_CHOICES,
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
        return _render(errors={field: labelled(gettext(FIELD_LABELS.get(field, field)), text)
                               for field, text in field_texts(error).items()}, status=422)
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
