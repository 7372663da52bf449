"""Through which channel: a change made on a page is logged "web", one made with an API token
"api" with the token (never its secret), one the pages' scripts send to /api/ with the session
cookie "web"; the trail shows the channel as a badge after the user, filters by it, and the
downloads of the list and of the trail are entries of their own."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select

from registry.domain.channels import CLI
from registry.domain.permissions import Actor
from registry.models import AuditEntry
from registry.services import accounts, tokens
from tests.integration import rollup_data


def _entries(session, **where) -> list[AuditEntry]:
    query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    return list(session.scalars(query))


def test_a_change_made_on_a_page_is_logged_as_the_webs(client, login, session, make_user):
    login("admin", username="web-admin")
    make_user("renamed-on-the-web", "planner")
    response = client.post("/admin/users/renamed-on-the-web/name", data={"display_name": "王五"})
    assert response.status_code == 303
    (entry,) = _entries(session, action="update", entity="user")
    assert (entry.channel, entry.api_token_id) == ("web", None)


def test_an_api_tokens_change_names_the_token_and_a_pages_script_is_the_web(client, login, session, make_user):
    make_user("api-admin", "admin")
    created = tokens.create_token(session, Actor.system(), "api-admin", "nightly sync", tokens.expiry(days=3))
    make_user("renamed-by-api", "planner")
    bearer = {"Authorization": f"Bearer {created.secret}"}
    assert client.get("/api/v1/projects/export?format=csv", headers=bearer).status_code == 200
    (export,) = _entries(session, action="export")
    assert (export.channel, export.api_token_id, export.entity) == ("api", created.token.id, "project_list")
    assert created.secret not in str(export.changes) and export.changes["format"] == "csv"
    # the same API with the session cookie (a page's script): the web
    login("admin", username="page-admin")
    assert client.get("/api/v1/projects/export?format=xlsx").status_code == 200
    assert [(e.channel, e.api_token_id) for e in _entries(session, action="export")] == [
        ("api", created.token.id), ("web", None)]


def test_the_trail_shows_the_channel_as_a_badge_and_filters_by_it(client, login, session, make_user):
    make_user("robot", "admin")
    created = tokens.create_token(session, Actor.system(), "robot", "nightly sync", tokens.expiry(days=3))
    accounts.create_user(session, Actor.system(CLI), "made-by-cli", "a-long-password", "planner")
    session.add(AuditEntry(action="update", entity="user", entity_id="999", changes={}, channel="api",
                           api_token_id=created.token.id, user_id=None))
    session.commit()
    login("admin", username="badge-admin")
    html = client.get("/audit?channel=cli").get_data(as_text=True)
    assert '<span class="badge channel channel-cli">命令行</span>' in html
    assert "made-by-cli" in html and "channel-system" not in html and "channel-api" not in html
    assert '<option value="cli" selected>命令行</option>' in html
    api = client.get("/audit?channel=api").get_data(as_text=True)
    assert f'title="API 令牌编号：{created.token.id}">接口 · nightly sync</span>' in api
    english = client.get("/audit?lang=en").get_data(as_text=True)
    assert ">Command line</span>" in english and ">API · nightly sync</span>" in english
    # the system's own entries are the system's by their user already: no badge to say it twice; the
    # cell capitalised as every other (it read "system")
    assert "channel-system" not in english and '<td class="who">System </td>' in english
    refused = client.get("/audit?channel=fax")
    assert refused.status_code == 200 and "fax" in refused.get_data(as_text=True)  # said above the trail


def test_the_trails_download_has_the_channel_and_is_itself_an_export(client, login, session):
    accounts.create_user(session, Actor.system(CLI), "made-by-cli", "a-long-password", "planner")
    login("admin", username="download-admin")
    response = client.get("/audit/export?format=csv&channel=cli")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][3:5] == ["渠道", "API 令牌"] and [r[3] for r in rows[1:]] == ["命令行"]
    (entry,) = _entries(session, action="export")
    assert (entry.entity, entry.channel) == ("audit_log", "web")
    assert entry.changes == {"format": "csv", "rows": 1, "channel": "cli"}
    page = client.get("/audit?action=export").get_data(as_text=True)
    assert "导出" in page and "审计日志" in page and "导出记录数" in page and "渠道" in page


def test_the_project_lists_and_a_rollups_downloads_are_logged_with_their_filters(client, login, session):
    rollup_data.load(session)
    login("city_reviewer", username="download-reviewer")
    assert client.get("/projects/export?format=csv&kind=motor_upgrade&year=2013").status_code == 200
    assert client.get("/rollups/export?year=2013&format=csv").status_code == 200
    assert client.get("/rollups/export?year=2013&format=pdf").status_code == 422
    listed, report = _entries(session, action="export")
    assert listed.entity == "project_list" and listed.changes["kind"] == "motor_upgrade" and listed.changes["year"] == 2013
    assert (report.entity, report.entity_id, report.channel) == ("rollup", "2013/verified", "web")
    assert report.changes == {"format": "csv", "year": 2013, "rule": "verified"}


def test_the_trail_links_to_its_help_topic_which_explains_the_channels(client, login):
    login("admin", username="help-admin")
    html = client.get("/audit").get_data(as_text=True)
    assert '<a class="help-link screen-only" href="/help/audit-trail" aria-label="帮助：审计日志">' in html
    topic = client.get("/help/audit-trail").get_data(as_text=True)
    assert "命令行" in topic and "导出记录数" in topic


def test_a_records_own_history_shows_each_changes_channel(client, login, session, make_user, project_url):
    """The project's page says through which channel each change came, as the trail does: the
    registration on the web page, a note by a command, a change with an API token by its name."""
    project_id = project_url.rstrip("/").rsplit("/", 1)[1]
    make_user("sync-robot", "admin")
    created = tokens.create_token(session, Actor.system(), "sync-robot", "nightly sync", tokens.expiry(days=3))
    session.add_all([
        AuditEntry(action="update", entity="project", entity_id=project_id, changes={}, channel="cli", user_id=None),
        AuditEntry(action="update", entity="project", entity_id=project_id, changes={}, channel="api",
                   api_token_id=created.token.id, user_id=None)])
    session.commit()
    history = client.get(project_url).get_data(as_text=True).split('class="history"', 1)[1].split("</ol>", 1)[0]
    assert '<span class="badge channel channel-web">网页</span>' in history
    assert '<span class="badge channel channel-cli">命令行</span>' in history
    assert f'title="API 令牌编号：{created.token.id}">接口 · nightly sync</span>' in history
