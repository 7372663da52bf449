"""User administration (administrators): the accounts, a new account, a user's name, role and
district, disabling, and a password reset. A password the page generates is shown once, as an API
token's secret is (``web.once``), and the user must replace it at their next sign-in."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, Conflict, ValidationError
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, require_role
from registry.domain.vocabulary import ROLES
from registry.services import accounts, audit_trail, failed_sign_ins, passwords, sign_ins, tokens
from registry.user_messages import field_texts, message_text
from registry.services import rollups as rollup_service
from registry.web import once
from registry.web.audit import vocabularies as trail_vocabularies

bp = Blueprint("users", __name__, url_prefix="/admin/users")

# the form's fields by the names the page gives them, for a refusal shown away from its field
FIELD_LABELS = {"username": N_("User name"), "display_name": N_("Full name"), "role": N_("Role"),
                "district_code": N_("District")}
NEW_PASSWORD = "users.new_password"  # the session key that holds a generated password until it is shown


def _admin():
    actor = current_actor()
    require_role(actor, ADMIN)
    return actor


def _choices() -> dict:
    return {"roles": ROLES, "districts": rollup_service.district_names(get_session()), "staff": DISTRICT_STAFF}


def _role_and_district() -> tuple[str, str | None]:
    role = request.form.get("role", "")
    # a district is kept only for district staff: the form's district list stays filled in for others
    return role, (request.form.get("district_code") or None) if role == DISTRICT_STAFF else None


def _with_new_password(username: str, password: str, message: str):
    # POST-redirect-GET: the password goes sealed through the session to the user's page, shown once
    once.keep(NEW_PASSWORD, f"{username}\n{password}")
    flash(message, "success")
    return redirect(url_for("users.detail", username=username), 303)


def _list(errors: dict[str, str] | None = None, status: int = 200):
    listed = accounts.list_users(get_session(), _admin())
    return render_template("users/index.html", users=listed, errors=errors or {}, form=request.form,
                           title=gettext("Users"), **_choices()), status


def _back_to(username: str, error: ValidationError | Conflict):
    """A refused change: its reason on the user's page, where the administrator was."""
    flash(message_text(error) if isinstance(error, Conflict) else gettext("; ").join(
        gettext("%(field)s: %(problem)s", field=gettext(FIELD_LABELS.get(field, field)), problem=problem)
        for field, problem in field_texts(error).items()), "error")
    return redirect(url_for("users.detail", username=username), 303)


@bp.get("")
def index():
    return _list()


@bp.post("")
def create():
    actor = _admin()
    role, district = _role_and_district()
    password = passwords.generated_password()
    try:
        created = accounts.create_user(get_session(), actor, request.form.get("username", ""), password, role,
                                       district, request.form.get("display_name"), must_change_password=True)
    except ValidationError as error:
        return _list(field_texts(error), 422)
    except Conflict as error:
        return _list({"username": message_text(error)}, 409)
    return _with_new_password(created.username, password,
                              gettext("User %(name)s created.", name=created.username))


@bp.get("/<username>")
def detail(username: str):
    actor = _admin()
    shown = accounts.account_of(get_session(), actor, username)
    kept = once.take(NEW_PASSWORD)
    held_for, _, new_password = (kept or "").partition("\n")
    new_password = new_password if held_for == username else None
    recent = audit_trail.recent_actions(get_session(), actor, shown.account.id)
    # the user read once, by account_of: the sign-ins and the tokens are the account's
    live = sign_ins.live_of(get_session(), actor, shown.account)
    user_tokens = tokens.tokens_of(get_session(), actor, shown.account)
    failed = failed_sign_ins.failed_sign_ins_of(get_session(), actor, shown.account)
    page = render_template("users/detail.html", user=shown, own=shown.account.id == actor.user_id,
                           new_password=new_password, recent=recent, sign_ins=live,
                           tokens=user_tokens, failed=failed,
                           failures_per_address=passwords.MAX_FAILURES_PER_USER_AT_ADDRESS,
                           throttle_minutes=int(passwords.THROTTLE_WINDOW.total_seconds() // 60),
                           title=gettext("User %(name)s", name=username), **_choices(), **trail_vocabularies(actor))
    return page, 200, {"Cache-Control": "no-store"} if new_password else {}


@bp.post("/<username>/name")
def rename(username: str):
    try:
        accounts.rename(get_session(), _admin(), username, request.form.get("display_name", ""))
    except (ValidationError, Conflict) as error:
        return _back_to(username, error)
    flash(gettext("Name saved."), "success")
    return redirect(url_for("users.detail", username=username), 303)


@bp.post("/<username>/role")
def change_role(username: str):
    role, district = _role_and_district()
    try:
        accounts.set_role(get_session(), _admin(), username, role, district)
    except (ValidationError, Conflict) as error:
        return _back_to(username, error)
    flash(gettext("Role saved."), "success")
    return redirect(url_for("users.detail", username=username), 303)


@bp.post("/<username>/active")
def set_active(username: str):
    active = request.form.get("active") == "1"
    try:
        account = accounts.set_active(get_session(), _admin(), username, active)
    except (ValidationError, Conflict) as error:
        return _back_to(username, error)
    flash(_enabled(account) if active else
          gettext("%(name)s is disabled: their sessions and API tokens no longer work.", name=username), "success")
    return redirect(url_for("users.detail", username=username), 303)


def _enabled(account: accounts.Account) -> str:
    """Enabling an account lets its unexpired, unrevoked API tokens work again, which disabling had
    only suspended: said, so that an administrator re-enabling a leaver's account revokes what no
    system should still hold."""
    revived = sum(1 for t in tokens.tokens_of(get_session(), _admin(), account) if t.state() == "active")
    if not revived:
        return gettext("%(name)s can sign in again.", name=account.username)
    if revived == 1:
        return gettext("%(name)s can sign in again. Their API token works again: revoke it below if no system "
                       "should still use it.", name=account.username)
    return gettext("%(name)s can sign in again. Their %(num)s API tokens work again: revoke below those no system "
                   "should still use.", name=account.username, num=revived)


@bp.post("/<username>/password")
def reset_password(username: str):
    try:
        password = passwords.reset_password(get_session(), _admin(), username)
    except Conflict as error:
        return _back_to(username, error)
    return _with_new_password(username, password, gettext("A new password was set for %(name)s.", name=username))


@bp.post("/<username>/sign-out")
def sign_out(username: str):
    ended = sign_ins.end_all_of(get_session(), _admin(), username)
    flash(gettext("%(name)s is signed out everywhere (sign-ins ended: %(num)s).", name=username, num=ended), "success")
    return redirect(url_for("users.detail", username=username) + "#sign-ins", 303)


@bp.post("/<username>/tokens/<int:token_id>/revoke")
def revoke_token(username: str, token_id: int):
    """An administrator revokes one of a user's API tokens (a suspected compromise, a system retired)."""
    revoked = tokens.revoke_token(get_session(), _admin(), token_id)
    flash(gettext("Token “%(name)s” revoked: it no longer opens the API.", name=revoked.name), "success")
    return redirect(url_for("users.detail", username=username) + "#tokens", 303)
