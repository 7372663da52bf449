"""The audit trail page (/audit), its export and a user's recent actions, through the Flask client:
both languages, the filters, who may read it, the files' headers and contents, formula neutralisation."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from registry.domain.permissions import Actor
from registry.services import accounts
from registry.services import projects as project_service
from registry.services.backups import record_backup
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from registry.services.restores import record_restore
from tests.integration.project_data import CREDIT, MOTORS, SQUARE

FORMULA_NAME = '=HYPERLINK("http://example.com","点我")'
FORMULA_NOTE = "@SUM(1+1)"


@pytest.fixture
def trail(session, make_user):
    """A project registered and submitted by district staff, returned by a reviewer with a note that
    starts like a formula; an administrator whose display name is a formula renames the staff member."""
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    staff = make_user("pudong", "district_staff", "310115").actor()
    reviewer = make_user("reviewer-one", "city_reviewer").actor()
    view = project_service.register_project(session, staff, project_service.ProjectDraft(
        kind="motor_upgrade", year=2013, title="高效电机改造", district_code="310115", credit_code=CREDIT,
        enterprise_name="上海测试电机有限公司", inputs=MOTORS, new_parcels=(project_service.NewParcel(SQUARE, "M2"),)),
        submit=True)
    project_service.transition(session, reviewer, view.id, "return", comment=FORMULA_NOTE)
    mallory = accounts.create_user(session, Actor.system(), "mallory", "a-long-password", "admin", None, FORMULA_NAME)
    accounts.rename(session, mallory.actor(), "pudong", "李雷 Li Lei")
    return view


def _rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # Excel reads UTF-8 Chinese with the BOM
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_trail_in_chinese_names_who_what_and_links_the_records(client, login, trail):
    login("admin", username="admin-one")
    html = client.get("/audit").get_data(as_text=True)
    assert "<h1>审计日志" in html
    assert 'href="/audit"' in client.get("/admin/users").get_data(as_text=True)  # reached from 用户管理
    assert f'href="/projects/{trail.id}" title="记录编号：{trail.id}">{trail.reference}</a>' in html
    assert 'href="/admin/users/reviewer-one"' in html and "退回" in html and FORMULA_NOTE in html
    assert '">mallory</a>' in html and 'href="/admin/users/mallory"' in html  # the account an entry is about
    assert "系统" in html and "用户账户" in html and "字段" in html and "已提交" in html
    assert "每次下载最多包含符合条件的最新 50,000 条记录。" in html and "（北京时间）" in html


def test_the_trail_in_english(client, login, trail):
    login("admin", username="admin-one")
    html = client.get("/audit?lang=en").get_data(as_text=True)
    assert "<h1>Audit trail" in html and "<td class=\"what\">Returned to the district</td>" in html and "User account" in html and "Status" in html
    assert "审计日志" not in html and "退回" not in html


def test_the_fields_an_entry_changed_are_counted_in_english_with_its_plural(client, login, trail):
    login("admin", username="admin-one")
    counts = re.findall(r"<summary>([^<]*changed)</summary>", client.get("/audit?lang=en").get_data(as_text=True))
    assert "1 field changed" in counts and any(re.fullmatch(r"[2-9]\d* fields changed", c) for c in counts), counts
    assert not [c for c in counts if "(s)" in c]
    chinese = re.findall(r"<summary>([^<]*有变化)</summary>", client.get("/audit?lang=zh_Hans_CN").get_data(as_text=True))
    assert "1 个字段有变化" in chinese, chinese


def test_filters_narrow_the_trail_and_keep_themselves_in_the_links(client, login, trail):
    login("admin", username="admin-one")
    html = client.get("/audit?entity=project&action=return").get_data(as_text=True)
    assert "共 1 项" in html and FORMULA_NOTE in html
    assert 'href="/audit/export?format=csv&amp;entity=project&amp;action=return"' in html
    by_user = client.get("/audit?user=pudong").get_data(as_text=True)
    assert "共 4 项" in by_user and 'href="/admin/users/reviewer-one"' not in by_user  # project twice, its parcel, its enterprise
    one = client.get(f"/audit?entity=project&entity_id={trail.id}").get_data(as_text=True)
    assert "共 3 项" in one  # created (submitted at once), returned … and nothing of another record
    assert "共 0 项" in client.get("/audit?since=2000-01-01&until=2000-01-31").get_data(as_text=True)


def test_a_bad_filter_is_refused_with_its_reason(client, login, trail):
    login("admin", username="admin-one")
    refused = client.get("/audit?entity_id=7")
    assert refused.status_code == 200 and "须同时选择记录类型" in refused.get_data(as_text=True)
    assert client.get("/audit?page=99").headers["Location"].endswith("/audit?page=1")


def test_a_refused_filter_is_said_on_the_trails_page_under_its_label_with_the_form_as_typed(client, login, trail):
    """A day that does not exist, or a record id without its kind, had the bare error page (since：一年没有13月,
    entity_id：…) with no form to correct it: now the page again, each problem named by the form's label."""
    login("admin", username="admin-one")
    refused = client.get("/audit?user=pudong&since=2026-13-01&entity_id=7")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "<h1>审计日志" in html
    assert "起始日（北京时间）：一年没有13月" in html and "since：" not in html
    assert 'name="user" value="pudong"' in html and 'name="since" type="date" value="2026-13-01" aria-invalid="true"' in html
    assert "/audit/export" not in html and "高效电机改造" not in html  # no entries, no download of them
    kindless = client.get("/audit?entity_id=7").get_data(as_text=True)
    assert "记录编号：须同时选择记录类型" in kindless and '<details class="more-filters" open' in kindless
    in_english = client.get("/audit?until=2026-02-30&lang=en")
    assert "Last day (Beijing time): February 2026 has no day 30" in in_english.get_data(as_text=True)


def test_the_user_filter_takes_the_full_name_the_trail_shows(client, login, trail):
    """The trail's 用户 column shows full names (李雷 Li Lei), the filter took user names only: typing the
    name read off the page found nothing. A user name still comes first; a name nobody has is said so."""
    login("admin", username="admin-one")
    by_name = client.get("/audit?user=李雷 Li Lei").get_data(as_text=True)
    assert "共 4 项" in by_name and 'href="/admin/users/reviewer-one"' not in by_name
    assert "共 4 项" in client.get("/audit?user=pudong").get_data(as_text=True)
    nobody = client.get("/audit?user=李").get_data(as_text=True)
    assert "共 0 项" in nobody and "没有用户名或姓名为“李”的用户。" in nobody
    assert '<datalist id="trail-users">' in by_name and '<option value="pudong">李雷 Li Lei</option>' in by_name


@pytest.mark.parametrize("role, district", [("district_staff", "310115"), ("planner", None)])
def test_district_staff_and_planners_may_not_read_it(client, login, trail, role, district):
    login(role, district)
    assert client.get("/audit").status_code == 403
    assert client.get("/audit/export?format=csv").status_code == 403
    assert 'href="/audit"' not in client.get("/").get_data(as_text=True)


def test_reviewers_read_projects_parcels_and_enterprises_without_account_links(client, login, trail):
    login("city_reviewer", username="reviewer-two")
    html = client.get("/audit").get_data(as_text=True)
    assert "共 5 项" in html and f'href="/projects/{trail.id}"' in html  # created, parcel, enterprise, submitted, returned
    assert "/admin/users/" not in html and "用户账户" not in html and "mallory" not in html
    assert '<a href="/audit">审计日志</a>' in client.get("/").get_data(as_text=True)  # in their top bar
    assert client.get("/audit?entity=user").status_code == 403
    assert client.get("/audit/export?format=csv&entity=api_token").status_code == 403


def test_the_csv_export_has_the_filters_rows_headers_in_the_language_and_neutral_cells(client, login, trail):
    login("admin", username="admin-one")
    response = client.get("/audit/export?format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    rows = _rows(response)
    assert rows[0][:6] == ["时间（北京时间）", "用户名", "姓名", "渠道", "API 令牌", "操作"]
    assert len(rows) - 1 == int(response.headers["X-Registry-Matched"])
    returned = next(r for r in rows if r[5] == "退回")
    assert returned[6] == "项目" and returned[8] == trail.reference and returned[10] == "'" + FORMULA_NOTE
    assert "状态：已提交 → 已退回" in returned[9] and '"status": ["submitted", "returned"]' in returned[11]
    assert returned[3:5] == ["未知", ""]  # the fixture's actors said no channel
    created = next(r for r in rows if r[6] == "用户账户" and r[8] == "mallory")
    assert created[1] == "系统" and created[3] == "系统" and "用户名：— → mallory" in created[9]
    renamed = next(r for r in rows if r[6] == "用户账户" and r[8] == "pudong" and r[5] == "编辑")
    assert renamed[1] == "mallory" and renamed[2] == "'" + FORMULA_NAME and "李雷 Li Lei" in renamed[9]
    english = _rows(client.get("/audit/export?format=csv&lang=en&action=return"))
    assert english[0][:6] == ["Time (Beijing time)", "User name", "Full name", "Channel", "API token", "Action"]
    assert len(english) == 2 and english[1][3] == "Unknown"
    assert english[1][5] == "Returned to the district" and "Status: Submitted → Returned" in english[1][9]


def test_the_xlsx_export_writes_formulas_as_text(client, login, trail):
    login("admin", username="admin-one")
    response = client.get("/audit/export?format=xlsx&entity=user")
    assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows())
    # pudong, reviewer-one, mallory and admin-one created, pudong renamed
    assert [c.value for c in rows[0]][:3] == ["时间（北京时间）", "用户名", "姓名"] and len(rows) == 1 + 5
    name = next(row[2] for row in rows[1:] if row[1].value == "mallory")
    assert name.value == FORMULA_NAME and name.data_type == "s" and name.quotePrefix
    assert rows[1][0].number_format == "yyyy-mm-dd hh:mm:ss" and rows[1][0].is_date
    assert client.get("/audit/export?format=pdf").status_code == 422


def test_a_formula_at_the_start_of_a_cell_is_text_in_both_files(client, login, trail):
    login("admin", username="admin-one")
    csv_rows = _rows(client.get("/audit/export?format=csv&entity=project&action=return"))
    assert csv_rows[1][10] == "'" + FORMULA_NOTE
    sheet = load_workbook(io.BytesIO(client.get("/audit/export?format=xlsx&entity=project&action=return").get_data())).active
    note = sheet.cell(row=2, column=11)
    assert note.value == FORMULA_NOTE and note.data_type == "s" and note.quotePrefix


def test_the_user_page_shows_their_recent_actions(client, login, trail):
    login("admin", username="admin-one")
    html = client.get("/admin/users/reviewer-one").get_data(as_text=True)
    section = html.split('id="recent-actions"')[1]
    assert "最近操作" in section and 'href="/audit?user=reviewer-one"' in section
    assert "退回" in section and trail.reference in section and FORMULA_NOTE in section
    quiet = client.get("/admin/users/admin-one").get_data(as_text=True).split('id="recent-actions"')[1]
    assert "没有操作记录。" in quiet
    english = client.get("/admin/users/reviewer-one?lang=en").get_data(as_text=True).split('id="recent-actions"')[1]
    assert "Recent actions" in english and "<td class=\"what\">Returned to the district</td>" in english


def test_the_page_says_when_a_download_would_be_cut_and_the_download_is(client, login, trail, monkeypatch):
    monkeypatch.setattr("registry.web.audit.EXPORT_CAP", 2)
    login("admin", username="admin-one")
    html = client.get("/audit?entity=project").get_data(as_text=True)
    assert "符合筛选条件的记录共 3 条，下载只包含最新的 2 条" in html
    response = client.get("/audit/export?format=csv&entity=project")
    assert len(_rows(response)) == 1 + 2
    assert (response.headers["X-Registry-Matched"], response.headers["X-Registry-Exported"]) == ("3", "2")


def test_a_backup_and_a_restore_are_listed_with_what_they_did_and_downloaded(client, login, session):
    # `registry db backup` and `db restore` record what they did ({"file": …, "size_bytes": …}), not
    # [before, after] pairs: the trail's page, its download (and `registry audit list`) had failed on them
    admin = login("admin", username="admin-one")
    record_backup(session, admin.actor(), "/backups/registry-2026-12-07.dump", 4276846, "postgres")
    record_restore(session, Actor.system(), "/backups/registry-2026-12-06.dump", 4100000, "postgres", "ops-admin")
    page = client.get("/audit?entity=database")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "已备份到文件" in html and "已从备份恢复" in html and "/backups/registry-2026-12-07.dump" in html
    assert "4,276,846" in html and "ops-admin" in html
    download = client.get("/audit/export?entity=database&format=csv")
    assert download.status_code == 200 and "/backups/registry-2026-12-06.dump" in download.get_data(as_text=True)


def test_a_password_reset_and_change_read_in_the_pages_language_not_as_stored(client, login, session, make_user):
    """The services note them as "password reset" / "password changed" (codes kept as they were
    stored): the Chinese trail and its download said them in English."""
    from registry.services import passwords

    admin = login("admin", username="admin-one")
    planner = make_user("planner-one", "planner")
    passwords.reset_password(session, admin.actor(), "planner-one")
    passwords.change_own_password(session, planner.actor(), passwords.reset_password(
        session, admin.actor(), "planner-one"), "a sentence of my own")
    html = client.get("/audit?entity=user").get_data(as_text=True)
    assert "管理员重设了密码" in html and "用户本人修改了密码" in html
    assert "password reset" not in html and "password changed" not in html
    notes = [row[10] for row in _rows(client.get("/audit/export?format=csv&entity=user"))[1:]]
    assert "管理员重设了密码" in notes and "用户本人修改了密码" in notes
    english = client.get("/audit?entity=user&lang=en").get_data(as_text=True)
    assert "Password reset by an administrator" in english and "Password changed by the user" in english


@pytest.mark.parametrize("role, district, shown", [("admin", None, True), ("city_reviewer", None, True),
                                                   ("planner", None, False), ("district_staff", "310115", False)])
def test_the_top_bar_links_the_trail_for_those_who_read_it(client, login, role, district, shown):
    """Reviewers had 审计日志 in the top bar, administrators — who read all of it — only from 用户管理."""
    login(role, district)
    html = client.get("/projects").get_data(as_text=True)
    account = html[html.index('<nav class="account"'):].split("</nav>")[0]
    assert ('<a href="/audit">审计日志</a>' in account) is shown
