"""``registry enterprises edit CREDIT_CODE … --as USER`` on a committed database: the service of the
enterprise page and the API, acting as a named user; what changed printed as the audit entry holds
it, every refusal one error line in the CLI's language with nothing written."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from registry.domain.permissions import Actor
from registry.models import AuditEntry, Enterprise, User
from registry.services import accounts, enterprises
from tests.integration.cli_projects import refused_alone, registry, session_on, users_database
from tests.integration.project_data import CREDIT


@pytest.fixture(scope="module")
def url(fresh_database_url):
    url = users_database(fresh_database_url, "registry_test_enterprise_cli")
    with session_on(url) as session:
        accounts.create_user(session, Actor.system(), "admin", "a-long-password", "admin", None)
        enterprises.find_or_create(session, Actor.system(), CREDIT, "上海测试电机有限公司", "C381", "310115", "张江路 1 号")
        session.commit()
    return url


def stored(url: str) -> tuple:
    with session_on(url) as session:
        e = session.scalars(select(Enterprise).where(Enterprise.credit_code == CREDIT)).one()
        return e.name, e.industry_code, e.district_code, e.address, e.version


def last_entry(url: str) -> tuple:
    with session_on(url) as session:
        return session.execute(select(User.username, AuditEntry.action, AuditEntry.channel, AuditEntry.changes)
                               .outerjoin(User, User.id == AuditEntry.user_id)
                               .where(AuditEntry.entity == "enterprise").order_by(AuditEntry.id.desc()).limit(1)).one()


def test_an_edit_changes_the_given_fields_and_says_what_changed(url):
    name, industry, district, address, version = stored(url)
    done = registry(url, "enterprises", "edit", CREDIT.lower(), "--name", "上海新名电机有限公司", "--address", "",
                    "--as", "pudong")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines() == [f"Edited 上海新名电机有限公司 ({CREDIT}), now at version {version + 1}",
                                        f"  Address: {address} → —", f"  Name: {name} → 上海新名电机有限公司"]
    assert stored(url) == ("上海新名电机有限公司", industry, district, None, version + 1)
    assert tuple(last_entry(url))[:3] == ("pudong", "update", "cli")


def test_an_administrator_moves_it_and_the_district_is_named_in_chinese(url):
    done = registry(url, "enterprises", "edit", CREDIT, "--district", "310112", "--as", "admin", lang="zh")
    back = registry(url, "enterprises", "edit", CREDIT, "--district", "310115", "--as", "admin")
    assert done.exit_code == 0 and back.exit_code == 0, done.output + back.output
    assert done.stdout.splitlines()[1] == "  区：浦东新区（310115） → 闵行区（310112）"


def test_nothing_given_or_nothing_different_writes_nothing(url):
    before = stored(url)
    done = registry(url, "enterprises", "edit", CREDIT, "--name", before[0], "--as", "admin", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {"credit_code": CREDIT, "version": before[4], "changes": {}}
    assert stored(url) == before


@pytest.mark.parametrize("args, line", [
    (("--industry-code", "261", "--as", "admin"), "error: --industry-code “261”: must be a GB/T 4754-2017 code such as C261"),
    (("--district", "999999", "--as", "admin"), "error: --district “999999”: no district with code 999999"),
    (("--name", " ", "--as", "admin"), "error: --name “ ”: is required"),
    (("--name", "新名", "--as", "minhang"), "error: District staff of Minhang may not act in district Pudong New Area."),
    (("--district", "310112", "--as", "pudong"), "error: District staff may not move an enterprise out of their district"),
    (("--name", "新名", "--as", "reviewer"), "error: Your role may not edit enterprises."),
    (("--name", "新名", "--as", "admin", "--version", "1"), "error: This enterprise was changed by"),
])
def test_each_refusal_is_one_line_and_nothing_written(url, args, line):
    before = stored(url)
    refused_alone(url, line, "enterprises", "edit", CREDIT, *args)
    assert stored(url) == before
