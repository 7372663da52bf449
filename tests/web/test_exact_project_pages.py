"""Project pages show a project's stored savings inputs with every digit (jsonb read back exactly),
and saving the edit form keeps them."""
from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.json_text import load_json
from registry.domain.permissions import Actor
from registry.services import projects as svc
from registry.services.projects.parsing import parse_draft
from tests.integration.project_data import MOTORS
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")

# 22 significant digits: beyond a float's 17, within the domain's 34.


RATED_KW = "55.12345678901234567891"


def inputs_field(page: str) -> str:
    """The JSON text of the form's hidden ``inputs`` field (the savings input document)."""
    return html.unescape(re.search(r'<input type="hidden" name="inputs" id="inputs" value="([^"]*)"', page).group(1))


def stored_rated_kw(session, project_id: int) -> str:
    """The stored number as jsonb holds it (its text, whatever reads it)."""
    return session.execute(text("SELECT inputs #>> '{motors,0,rated_kw}' FROM projects WHERE id = :i"),
                           {"i": project_id}).scalar_one()


def registered(session):
    """A draft whose motor is rated at RATED_KW, registered as the API would (numbers exact)."""
    inputs = MOTORS | {"motors": [MOTORS["motors"][0] | {"rated_kw": Decimal(RATED_KW)}]}
    view = svc.register_project(session, Actor(None, "s", "district_staff", "310115"), parse_draft(form(inputs=inputs)))
    assert stored_rated_kw(session, view.id) == RATED_KW
    return view


def test_the_project_page_shows_the_savings_input_document_with_every_digit(client, login, session):
    view = registered(session)
    login("district_staff", "310115")
    page = html.unescape(client.get(f"/projects/{view.id}").get_data(as_text=True))
    assert f'"rated_kw": {RATED_KW},' in page


def test_the_edit_form_is_filled_with_every_digit_and_saving_it_keeps_them(client, login, session):
    view = registered(session)
    login("district_staff", "310115")

    page = client.get(f"/projects/{view.id}/edit")
    assert page.status_code == 200
    prefilled = inputs_field(page.get_data(as_text=True))
    assert load_json(prefilled, exact=True)["motors"][0]["rated_kw"] == Decimal(RATED_KW)

    saved = client.post(f"/projects/{view.id}/edit", data=form(inputs=prefilled, new_parcels="[]", version=view.version,
                                                                  parcel_ids=str(view.parcels[0].id)))
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    assert stored_rated_kw(session, view.id) == RATED_KW
