"""Log in and out."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext

from registry.auth import sign_in_browser, sign_out_browser
from registry.db import get_session
from registry.domain.errors import PermissionDenied
from registry.user_messages import message_text
from registry.i18n import LANG_PARAM
from registry.services import passwords
from registry.web.local_urls import local_or

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    return local_or(target, url_for("pages.index"))


def start_afresh() -> None:
    """A new session for the new sign-in (a new CSRF token; nothing carried over from before it but
    the language chosen)."""
    language = session.get(LANG_PARAM)
    session.clear()
    if language:
        session[LANG_PARAM] = language


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    username = request.form.get("username", "").strip()
    if request.method == "POST":
        try:
            account = passwords.authenticate(get_session(), username, request.form.get("password", ""),
                                            request.remote_addr)
        except PermissionDenied as denied:
            error = message_text(denied)
        else:
            start_afresh()
            sign_in_browser(account)
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    return render_template("auth/login.html", error=error, username=username,
                           title=gettext("Log in")), status


@bp.post("/logout")
def logout():
    sign_out_browser()
    start_afresh()
    return redirect(url_for("auth.login"))
