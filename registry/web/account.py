""""My account": who I am, and changing my own password — which a user given a password by an
administrator must do before anything else (``registry.auth``)."""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from registry.auth import READING_METHODS, current_actor, sign_in_browser
from registry.db import get_session
from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.domain.passwords import MIN_PASSWORD_LENGTH
from registry.user_messages import field_texts, message_text
from registry.services import passwords, sign_ins
from registry.web.auth import start_afresh
from registry.web.local_urls import local_or

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.before_request
def _changes_not_with_a_token() -> None:
    """A person changes their password and ends their sign-ins signed in, never with a token (as API
    tokens are managed): a token has no browser to keep, so "everywhere else" ended every sign-in, and a
    password changed with one started a sign-in no cookie held."""
    if request.method not in READING_METHODS and g.get("api_token_id") is not None:
        raise PermissionDenied(N_("Passwords and sign-ins are managed on My account when signed in, not with a token."))


def _render(errors: dict[str, str] | None = None, error: str | None = None, status: int = 200):
    live = sign_ins.live(get_session(), current_actor(), current_user.session_id)
    # where to go once a handed-over password is replaced: the page the guard (registry.auth) turned away
    after = local_or(request.values.get("next"), "") if current_user.account.must_change_password else ""
    return render_template("account/index.html", account=current_user.account, errors=errors or {}, error=error,
                           min_length=MIN_PASSWORD_LENGTH, sign_ins=live, next=after,
                           title=gettext("My account")), status


@bp.get("")
def index():
    return _render()


@bp.post("/password")
def change_password():
    form = request.form
    if form.get("new_password", "") != form.get("repeat_password", ""):
        return _render({"repeat_password": gettext("does not match the new password")}, status=422)
    try:
        account = passwords.change_own_password(get_session(), current_actor(), form.get("current_password", ""),
                                                form.get("new_password", ""), request.remote_addr)
    except ValidationError as error:
        return _render(field_texts(error), status=422)
    except PermissionDenied as denied:  # throttled: too many wrong current passwords
        return _render(error=message_text(denied), status=429)
    # A fresh session, signed in under the new password; every other session of this user ends.
    start_afresh()
    sign_in_browser(account)
    flash(gettext("Your password has been changed. Your other sessions have been signed out."), "success")
    return redirect(local_or(form.get("next"), url_for("pages.index")), 303)


@bp.post("/sign-out-others")
def sign_out_others():
    """End every other sign-in of mine (a browser left signed in elsewhere, a lost phone)."""
    ended = sign_ins.end_others(get_session(), current_actor(), current_user.session_id)
    flash(gettext("Other sign-ins ended: %(num)s.", num=ended), "success")
    return redirect(url_for("account.index") + "#sign-ins", 303)
