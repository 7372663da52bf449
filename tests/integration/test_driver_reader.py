"""The driver reader (registry/repositories/driver.py) gives the hot-path repositories the same
rows as the ORM session, and refuses statements whose types it would not convert as SQLAlchemy does."""
from __future__ import annotations

import pytest
from sqlalchemy import JSON, Numeric, bindparam, literal_column, select, text

from registry.repositories import accounts as account_repo
from registry.repositories.driver import DriverReader


@pytest.fixture
def reader(connection):
    return DriverReader(connection.connection.driver_connection, connection.dialect)


def test_an_account_row_is_the_same_both_ways(session, reader, make_user):
    user = make_user("driver-reader", "district_staff", "310115")
    by_orm = account_repo.account_row(session, user.id)
    by_driver = account_repo.account_row(reader, user.id)
    assert tuple(by_driver) == tuple(by_orm) and by_driver.is_active is True and by_driver.district_code == "310115"
    assert account_repo.account_row(reader, -1) is None


def test_parameters_with_a_percent_sign_and_literals_survive_compilation(reader):
    row = reader.connection().execute(
        text("SELECT :a || '%' AS a, CAST(:b AS int) + 1 AS b"), {"a": "50", "b": 41}).one()
    assert (row.a, row.b) == ("50%", 42)
    assert reader.execute(select(literal_column("3").label("c")).where(bindparam("x") == 2), {"x": 2}).one().c == 3


def test_one_and_one_or_none_insist_on_their_counts(reader):
    two = "SELECT * FROM (VALUES (1), (2)) v(n)"
    with pytest.raises(LookupError):
        reader.execute(text(two)).one()
    with pytest.raises(LookupError):
        reader.execute(text(two)).one_or_none()
    with pytest.raises(LookupError):
        reader.execute(text("SELECT 1 WHERE false")).one()


@pytest.mark.parametrize("statement", [
    select(literal_column("1")).where(bindparam("doc", type_=JSON) == 1),  # a serialised parameter
    select(literal_column("1.5", type_=Numeric()).label("n")),  # a converted column
])
def test_statements_needing_sqlalchemys_type_processing_are_refused(reader, statement):
    with pytest.raises(TypeError, match="SQLAlchemy's"):
        reader.execute(statement, {"doc": {}})
