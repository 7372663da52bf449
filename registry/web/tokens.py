"""The "API tokens" page: a user creates (the secret is shown once), lists and revokes their tokens."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.i18n import translate
from registry.services import tokens as service

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")

DAY_CHOICES = (30, 90, 365)


def _render(new=None, error: str | None = None, status: int = 200):
    actor = current_actor()
    listed = service.list_tokens(get_session(), actor, actor.username)
    return render_template("tokens/index.html", tokens=listed, new=new, error=error, day_choices=DAY_CHOICES,
                           default_days=service.DEFAULT_DAYS, title=gettext("API tokens")), status


@bp.get("")
def index():
    return _render()


@bp.post("")
def create():
    actor = current_actor()
    try:
        days = int(request.form.get("days") or service.DEFAULT_DAYS)
    except ValueError:
        days = 0  # refused by expiry() with a precise message
    try:
        created = service.create_token(get_session(), actor, actor.username, request.form.get("name", ""),
                                       service.expiry(days=days))
    except ValidationError as error:
        return _render(error=error.render(translate), status=422)
    # Shown once, in this response only: never stored, never redirected through a URL.
    return _render(new=created, status=201)


@bp.post("/<int:token_id>/revoke")
def revoke(token_id: int):
    service.revoke_token(get_session(), current_actor(), token_id)
    return redirect(url_for("tokens.index"))
