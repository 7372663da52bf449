"""The registry's closed vocabularies: codes as stored, with translatable labels.

The database refuses any other code (CHECK constraints in the migrations, which keep their
own frozen copy of these lists so an old migration never changes meaning).
"""
from __future__ import annotations

from typing import Mapping

from registry.domain.errors import N_, Listed, Message

PROJECT_KINDS: dict[str, str] = {
    "structural_adjustment": N_("Structural adjustment (exit of outdated capacity)"),
    "boiler_replacement": N_("Coal/heavy-oil boiler replacement"),
    "motor_upgrade": N_("High-efficiency motor upgrade"),
    "technical_retrofit": N_("Energy-saving technical retrofit"),
    "contract_energy_management": N_("Contract energy management (EMC)"),
    "cleaner_production": N_("Cleaner-production audit"),
}

# draft → submitted → approved | returned → completed → verified (DOMAIN.md §2)
PROJECT_STATUSES: dict[str, str] = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "approved": N_("Approved"),
    "returned": N_("Returned"),
    "completed": N_("Completed"),
    "verified": N_("Verified"),
}

STRUCTURAL_MODES: dict[str, str] = {
    "shutdown": N_("Shutdown"),
    "conversion": N_("Conversion"),
    "relocation": N_("Relocation"),
    "upgrade": N_("Upgrade"),
}

PARCEL_STATUSES: dict[str, str] = {
    "in_use": N_("In use"),
    "freed": N_("Freed"),
    "redevelopment_planned": N_("Redevelopment planned"),
    "redeveloped": N_("Redeveloped"),
}

# In the rank that decides a parcel's zone kind (its highest-ranking zone; repositories.freed_land
# ZONE_KIND_PRIORITY), so the filters, the breakdowns and the legends list them alike.
ZONE_KINDS: dict[str, str] = {
    "development_zone": N_("Development zone"),
    "block_104": N_("104 industrial block"),
    "region_195": N_("195 region"),
    "region_198": N_("198 region"),
    "other": N_("Other"),
}

ROLES: dict[str, str] = {
    "district_staff": N_("District staff"),
    "city_reviewer": N_("City reviewer"),
    "planner": N_("Planner"),
    "admin": N_("Administrator"),
}

# GB 50137-2011 urban land-use classes that industrial land moves between.
LAND_USE_CLASSES: dict[str, str] = {
    "M1": N_("Class-1 industrial (M1)"),
    "M2": N_("Class-2 industrial (M2)"),
    "M3": N_("Class-3 industrial (M3)"),
    "W1": N_("Class-1 logistics and warehousing (W1)"),
    "W2": N_("Class-2 logistics and warehousing (W2)"),
    "W3": N_("Class-3 logistics and warehousing (W3)"),
    "B1": N_("Commercial (B1)"),
    "B2": N_("Business offices (B2)"),
    "A35": N_("Research and development (A35)"),
    "R": N_("Residential (R)"),
    "G": N_("Green space and squares (G)"),
    "E": N_("Non-construction land (E)"),
}

# How a project's savings were obtained (SavingsResult.method, projects.savings_method).
SAVINGS_METHODS: dict[str, str] = {
    "prior_year": N_("Energy use of the last full year (exit)"),
    "measured": N_("Measured before/after"),
    "efficiency": N_("Efficiency estimate"),
    "motor": N_("Motor formula"),
    "intensity": N_("Unit consumption (intensity)"),
    "none": N_("No energy data"),
    # measured ledgers by an M&V method of DOMAIN.md §4.2: the method is what the project stores
    "stipulated": N_("Before/after, stipulated values"),
    "ipmvp_a": N_("Before/after, IPMVP option A (key parameters measured)"),
    "ipmvp_b": N_("Before/after, IPMVP option B (all parameters measured)"),
    "ipmvp_c": N_("Before/after, IPMVP option C (whole facility)"),
    "ipmvp_d": N_("Before/after, IPMVP option D (calibrated simulation)"),
}

# How a contract-energy-management project shares its savings (inputs.emc_model, DOMAIN.md §2):
# the wizard offers these, the project page and the project workbook name them.
EMC_MODELS: dict[str, str] = {
    "shared_savings": N_("Shared savings"),
    "guaranteed_savings": N_("Guaranteed savings"),
}

# Where a parcel's recorded output came from when no source was typed (parcel_outputs.source);
# any other source is the planner's own text and is shown as typed.
OUTPUT_BY_PLANNER = "planner"
OUTPUT_AT_COMPLETION = "redevelopment"
OUTPUT_ILLUSTRATIVE = "示意"  # the demo's generated outputs (services/demo/land.py), as every demo load stored them
OUTPUT_SOURCES: dict[str, str] = {
    OUTPUT_BY_PLANNER: N_("entered by a planner"),
    OUTPUT_AT_COMPLETION: N_("reported at completion of redevelopment"),
    OUTPUT_ILLUSTRATIVE: N_("illustrative (generated demo data)"),
}

# What a project's supporting document (证明材料) is (project_documents.kind; migration 0025 keeps
# its own copy of the codes): the papers a reviewer asks for before approving or verifying.
DOCUMENT_KINDS: dict[str, str] = {
    "feasibility_study": N_("Feasibility study report"),
    "savings_audit": N_("Energy-savings audit report"),
    "contract": N_("Contract"),
    "site_photo": N_("Site photo"),
    "acceptance": N_("Completion and acceptance papers"),
    "other": N_("Other"),
}

TARGET_SCOPES: dict[str, str] = {"city": N_("City"), "district": N_("District")}
TARGET_KINDS: dict[str, str] = {"plan": N_("Plan"), "actual": N_("Actual")}

# The workflow's steps as their buttons name them; a message that names a step uses these too.
WORKFLOW_STEPS: dict[str, str] = {
    "submit": N_("Submit for review"), "approve": N_("Approve"), "return": N_("Return with comment"),
    "complete": N_("Report completion"), "verify": N_("Verify"),
}

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
    "year_from": N_("From year"),
    "year_to": N_("To year"),
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


def named_choices(vocabulary: Mapping[str, str]) -> Listed:
    """A vocabulary's choices as a refusal of an unknown one names them: by their labels in the
    reader's language, each with the code an address or the API takes (开发区（development_zone）、
    104 工业区块（block_104）…). Codes alone read as a programmer's words to someone who typed the
    address by hand."""
    return Listed(tuple(Message(N_("%(text)s (%(note)s)"), {"text": Message(label), "note": code})
                        for code, label in vocabulary.items()))
