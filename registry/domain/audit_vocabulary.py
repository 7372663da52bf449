"""The audit trail's vocabularies: what it and a record's history call each audited action, each
kind of record (``audit_log.action``, ``audit_log.entity``) and each audited field — codes as
stored, with translatable labels, as the registry's other closed vocabularies (domain/vocabulary.py)."""
from __future__ import annotations

from registry.domain.errors import N_

# What the history of a record calls each audited action.
AUDIT_ACTIONS: dict[str, str] = {
    "create": N_("Record created"),
    "update": N_("Edited"),
    "correct": N_("Corrected"),
    "submit": N_("Submitted for review"),
    "approve": N_("Project approved"),
    "return": N_("Returned to the district"),
    "complete": N_("Completion reported"),
    "verify": N_("Completion verified"),
    "load": N_("Loaded from a file"),
    "plan_redevelopment": N_("Redevelopment plan recorded"),
    "withdraw_redevelopment": N_("Redevelopment plan withdrawn"),
    "complete_redevelopment": N_("Redevelopment completed"),
    "record_output": N_("Output recorded"),
    "split": N_("Split"),
    "merge": N_("Merged"),
    "revoke": N_("Revoked"),
    "delete": N_("Deleted"),
    "close": N_("Closed"),
    "import": N_("Imported"),
    "recompute": N_("Recomputed with the year's equal value"),
    "sign_out": N_("Signed out everywhere"),
    "sign_out_others": N_("Signed out everywhere else"),
    "add_document": N_("Document added"),
    "remove_document": N_("Document removed"),
    "export": N_("Exported"),
    "restore": N_("Restored from a backup"),
    "backup": N_("Backed up to a file"),
}

# The notes the registry itself writes on an account's entries (services/passwords.py), stored as these
# codes and worded in the reader's language; every other note is what a person typed, shown as typed.
PASSWORD_CHANGED = "password changed"
PASSWORD_RESET = "password reset"
ACCOUNT_NOTES: dict[str, str] = {
    PASSWORD_CHANGED: N_("Password changed by the user"),
    PASSWORD_RESET: N_("Password reset by an administrator"),
}


def note_msgid(entity: str, note: str | None) -> str | None:
    """The msgid that words an entry's note, where the registry wrote it (else None: shown as typed)."""
    return ACCOUNT_NOTES.get(note or "") if entity == "user" else None


# What the audit trail calls each kind of record it holds (``audit_log.entity``). A bulk import is
# logged under its layer (parcels, zones, districts), a dataset file or demo load as ``dataset``.
AUDIT_ENTITIES: dict[str, str] = {
    "project": N_("Project"),
    "parcel": N_("Parcel"),
    "enterprise": N_("Enterprise"),
    "user": N_("User account"),
    "api_token": N_("API token"),
    "target": N_("Target"),
    "equal_value": N_("Equal value of electricity"),
    "rollup": N_("Annual report"),
    "dataset": N_("Dataset file"),
    "parcels": N_("Parcel import"),
    "zones": N_("Zone import"),
    "districts": N_("District boundary import"),
    "energy_monitoring": N_("Online energy monitoring figures"),
    # what an export took out (services.export_log); a rollup report's is "rollup", as its closing
    "project_list": N_("Project list"),
    "enterprise_list": N_("Enterprise directory"),
    "rollup_projects": N_("Projects behind a rollup figure"),
    "freed_land": N_("Freed land"),
    "parcel_list": N_("Parcel list"),
    "land_output": N_("Land output"),
    "registry": N_("The whole registry (GeoPackage)"),
    "audit_log": N_("Audit trail"),
    "database": N_("The whole database"),  # a restore's (services/restores.py), a backup's (services/backups.py)
}

# What the history of a record calls each audited field (``output_2025`` is read as ``output_%(year)s``).
RECORD_FIELDS: dict[str, str] = {
    "kind": N_("Kind"),
    "year": N_("Year"),
    "title": N_("Project name"),  # the project's title, named as in its form and every list
    "district_code": N_("District"),
    "enterprise_id": N_("Enterprise"),
    "structural_mode": N_("Mode"),
    "inputs": N_("Savings input document"),
    "savings_tce": N_("Savings, equivalent value (当量值)"),
    "savings_tce_equal_value": N_("Savings, equal value (等价值)"),
    "investment_wan_yuan": N_("Investment"),
    "subsidy_requested_wan_yuan": N_("Subsidy requested"),
    "subsidy_approved_wan_yuan": N_("Subsidy approved"),
    "output_value_wan_yuan": N_("Output value"),
    "planned_completion": N_("Planned completion"),
    "status": N_("Status"),
    "parcel_ids": N_("Parcels"),
    "registered_from": N_("Registered from project"),  # 以此为模板登记: the source's reference
    "completed_on": N_("Completed on"),
    "verified_on": N_("Verified on"),
    "code": N_("Code"),
    "area_m2": N_("Area (m²)"),
    "land_use_class": N_("Land-use class"),
    "new_use": N_("New use"),
    "former_use": N_("Former use"),  # a freed-land export's land-use filter: the use the land was freed with
    "planned_on": N_("Planned on"),
    "description": N_("Description"),
    "expected_output_wan_yuan": N_("Expected output"),
    "actual_output_wan_yuan": N_("Actual output"),
    "output_%(year)s": N_("Output %(year)s"),
    "valid_to": N_("Valid until"),
    "children": N_("Became"),
    "merged_into": N_("Merged into"),
    "name": N_("Name"),
    "credit_code": N_("Credit code"),
    "industry_code": N_("Industry code"),
    "address": N_("Address"),
    # accounts, API tokens, targets, closed years and imports (the audit trail shows them too)
    "username": N_("User name"),
    "display_name": N_("Full name"),
    "role": N_("Role"),
    "is_active": N_("Can sign in"),
    "must_change_password": N_("Must choose a new password"),
    "sign_ins_ended": N_("Sign-ins ended"),
    "user": N_("User"),
    "prefix": N_("Token prefix"),
    "read_only": N_("Reads only"),
    "expires_at": N_("Expires"),
    "revoked_at": N_("Revoked at"),
    "scope": N_("Scope"),
    "metric": N_("Metric"),
    "value": N_("Value"),
    "value_max": N_("Upper value"),
    "unit": N_("Unit"),
    "source": N_("Source"),
    "source_en": N_("Source in English"),
    "value_kgce_per_kwh": N_("Equal value (kgce/kWh)"),
    "as_of": N_("As of"),
    "sha256": N_("SHA-256 of the report"),
    "projects": N_("Projects"),
    "file": N_("File"),
    "inserted": N_("Inserted"),
    "updated": N_("Updated"),
    "refused": N_("Refused"),
    "repaired": N_("Repaired"),
    "skipped": N_("Skipped"),
    "parcels_reassigned": N_("Parcels given another district"),
    # a load of online monitoring figures (services/monitoring.py)
    "rows_read": N_("Rows read"),
    "replaced": N_("Replaced"),
    "unchanged": N_("Unchanged"),
    "figures_replaced": N_("Figures replaced (credit code, year, before, after)"),
    # a project's supporting documents (add_document, remove_document): never their content
    "document_kind": N_("Kind of document"),
    "file_name": N_("File name"),
    "size_bytes": N_("Size"),
    "file_sha256": N_("SHA-256 of the file"),
    # a backup or a restore of the whole database (services/backups.py, services/restores.py)
    "os_user": N_("Operating-system account"),
    "as_user": N_("User named with --as"),
    # an export (services.export_log): its format, how many records, the filters it was asked with
    "format": N_("Format"),
    "rows": N_("Records exported"),
    "text": N_("Search text"),
    "sort": N_("Sorted by"),
    "descending": N_("Descending"),
    "overdue": N_("Overdue, not completed"),
    "check": N_("Data-quality check"),
    "rule": N_("Counting rule"),
    "frozen": N_("Frozen report"),
    "zone_kind": N_("Zone kind"),
    "year_from": N_("Year freed (from)"),
    "year_to": N_("Year freed (to)"),
    "area_min_m2": N_("Smallest area (m²)"),
    "area_max_m2": N_("Largest area (m²)"),
    "polygon": N_("Within a drawn area (GeoJSON)"),
    "radius": N_("Within a radius (longitude, latitude, km)"),
    "bbox": N_("Within a map extent (west, south, east, north)"),
    "entity": N_("Kind of record"),
    "entity_id": N_("Record id"),
    "action": N_("Action"),
    "channel": N_("Channel"),
    "since": N_("First day (Beijing time)"),
    "until": N_("Last day (Beijing time)"),
}
