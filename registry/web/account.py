""""My account": who I am, and changing my own password — which a user given a password by an
administrator must do before anything else (``registry.auth``)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_user

from registry.auth import SignedIn, current_actor
from registry.db import get_session
from registry.domain.errors import PermissionDenied, ValidationError
from registry.domain.passwords import MIN_PASSWORD_LENGTH
from registry.errors_web import field_texts, message_text
from registry.services import passwords
from registry.web.auth import start_afresh

bp = Blueprint("account", __name__, url_prefix="/account")


def _render(errors: dict[str, str] | None = None, error: str | None = None, status: int = 200):
    return render_template("account/index.html", account=current_user.account, errors=errors or {}, error=error,
                           min_length=MIN_PASSWORD_LENGTH, title=gettext("My account")), status


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
    login_user(SignedIn(account))
    flash(gettext("Your password has been changed. Your other sessions have been signed out."), "success")
    return redirect(url_for("pages.index"), 303)
