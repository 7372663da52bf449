"""The registry's closed vocabularies: codes as stored, with translatable labels.

The database refuses any other code (CHECK constraints in the migrations, which keep their
own frozen copy of these lists so an old migration never changes meaning).
"""
from __future__ import annotations

from typing import Iterable, Mapping

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

def named_choices(vocabulary: Mapping[str, str]) -> Listed:
    """A vocabulary's choices as a refusal of an unknown one names them: by their labels in the
    reader's language, each with the code an address or the API takes (开发区（development_zone）、
    104 工业区块（block_104）…). Codes alone read as a programmer's words to someone who typed the
    address by hand. A label that ends with its code already (一类工业用地（M1）) is named alone."""
    return Listed(tuple(Message(label) if isinstance(label, str) and label.endswith(f"({code})") else
                        Message(N_("%(text)s (%(note)s)"), {"text": Message(label), "note": code})
                        for code, label in vocabulary.items()))


def listed_choices(allowed: Iterable[str] | Mapping[str, object]) -> Listed:
    """The choices a refusal of an unknown value names: a vocabulary's (code → label) by their labels
    with their codes (``named_choices``: 一类工业用地（M1）…), any other choices by their codes."""
    if isinstance(allowed, Mapping) and all(isinstance(label, str) for label in allowed.values()):
        return named_choices(allowed)
    return Listed(tuple(allowed))
