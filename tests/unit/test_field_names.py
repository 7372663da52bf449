"""A project's fields are named in messages as the wizard labels them, never by their paths."""
from __future__ import annotations

import pytest

from registry.domain.field_names import input_field_name, project_field_name


def named(parts) -> str | None:
    return None if parts is None else " · ".join(part.render() for part in parts)


@pytest.mark.parametrize(("path", "name"), [
    ("credit_code", "Unified social credit code"),
    ("inputs", "Energy data"),
    ("inputs.year", "Energy data · Year"),
    ("inputs.energy_after[0].quantity", "Energy data · After the project (reporting) · Line 1 · Quantity"),
    ("inputs.energy_use[11].factor_kgce_per_unit",
     "Energy data · Energy use in the last full year before the exit · Line 12 · Measured factor"),
    ("inputs.motors[1].efficiency_before", "Energy data · Motor group 2 · Efficiency before (0–1)"),
    ("inputs.motors", "Energy data · Motor groups"),
    ("new_parcels[0].geometry", "New parcel 1"),
    ("new_parcels[2].properties.overlap_reason", "New parcel 3 · Reason for the overlap (required)"),
    ("comment", "Comment"),
])
def test_a_field_is_named_as_the_form_labels_it(path, name):
    assert named(project_field_name(path)) == name


@pytest.mark.parametrize("path", ["", "-", "version", "inputs.note", "inputs.motors[0].colour", "new_parcels.x",
                                  "new_parcels[0].geometry.coordinates", "energy_before[0]]"])
def test_a_path_the_form_has_no_field_for_has_no_name(path):
    assert project_field_name(path) is None


def test_the_savings_document_alone_is_named_without_the_form():
    assert named(input_field_name("energy_before[0].unit")) == "Before the project (baseline) · Line 1 · Unit"
