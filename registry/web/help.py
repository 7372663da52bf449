"""The help centre (帮助, /help): the index of topics — the reader's own first — with a filter, and
each topic in the UI's language. Readable without signing in (docs/development.md, "Decisions"):
the login page links to how to sign in, and the texts hold nothing a visitor may not know."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext
from flask_login import current_user

from registry.domain.vocabulary import ROLES
from registry.i18n import current_locale
from registry.services import help as service
from registry.web.help_text import inline_html, to_html

bp = Blueprint("help", __name__, url_prefix="/help")


def _role() -> str | None:
    return current_user.account.role if current_user.is_authenticated else None


@bp.get("")
def index():
    role = _role()
    return render_template("help/index.html", index=service.index(role, current_locale()),
                           role_name=gettext(ROLES[role]) if role else None, title=gettext("Help"))


@bp.get("/<slug>")
def topic(slug: str):
    found = service.topic(slug, current_locale())
    return render_template("help/topic.html", topic=found, body=to_html(found.body, found.title), title=found.title)


@bp.app_template_global()
def help_topic_title(slug: str) -> str:
    """A topic's title in the reader's language, for a page's "?" link to it (_macros.html help_link)."""
    return service.topic(slug, current_locale()).title


@bp.app_template_filter("help_inline")
def help_inline(markdown: str):
    """A topic's summary (Markdown, one paragraph) as HTML, for the index."""
    return inline_html(markdown)
