"""Data-quality checks (数据质量检查): what in the registry's records needs someone's attention, as
SEED's data-quality checks show it (DOMAIN.md §7). docs/registration.md, "Data-quality checks".

Each check is declared here once — its id, its name, why it matters, the list that shows the
records failing it and that list's filter selecting exactly them — and nothing else: the filter's
SQL is the list's own (``repositories.projects.PROJECT_CHECKS``,
``repositories.enterprise_directory.ENTERPRISE_CHECKS``; a parcel check is the parcel list's
parameters), and ``repositories.quality`` counts with those same conditions, so the page's figure
is the linked list's "N found". A new check is a line here and, for a project or an enterprise,
its condition beside the list's others.
"""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.numbers import is_ascii_digits
from registry.domain.permissions import DISTRICT_STAFF, Actor

# The lists a check's records are shown on: the project list, the enterprise directory, the parcel list.
PROJECTS, ENTERPRISES, PARCELS = "projects", "enterprises", "parcels"
RECORDS = (PROJECTS, ENTERPRISES, PARCELS)
# The list parameter of a project or enterprise check: ``check=<id>`` (the lists' 数据质量 filter).
PARAMETER = "check"

# The third party's audit of the savings (节能量审核报告, a kind of DOCUMENT_KINDS): what a verified
# figure rests on.
AUDIT_REPORT = "savings_audit"


@dataclass(frozen=True)
class Check:
    """One check: ``label`` names the records failing it, ``why`` says in a line what they cost;
    ``filters``: the list's own parameters that select them, where the list already had such a
    filter (else the list's ``check=<id>``)."""

    id: str
    records: str
    label: str
    why: str
    filters: tuple[tuple[str, str], ...] = ()

    @property
    def link(self) -> tuple[tuple[str, str], ...]:
        """The list's query parameters selecting exactly the records failing the check."""
        return self.filters or ((PARAMETER, self.id),)


CHECKS: tuple[Check, ...] = (
    Check("enterprise_without_industry", ENTERPRISES, N_("Enterprises without an industry code"),
          N_("Lists and statistics by industry (GB/T 4754) cannot place them.")),
    Check("enterprise_without_address", ENTERPRISES, N_("Enterprises without an address"),
          N_("Nobody can visit or write to them to check a claimed saving or an exit.")),
    Check("exit_without_parcels", PROJECTS, N_("Exits of capacity submitted or beyond without a parcel"),
          N_("An exit frees land: the freed-land register and land output rest on its parcels.")),
    Check("savings_without_equal_value", PROJECTS, N_("Projects without savings at the equal value"),
          N_("The year's equal value is not recorded: subsidies and the rollups' equal-value figures leave them out.")),
    Check("verified_without_audit_report", PROJECTS, N_("Verified projects without an energy-savings audit report"),
          N_("A credited figure rests on the third party's audit; its report is missing from the dossier.")),
    Check("possible_duplicates", PROJECTS, N_("Projects that may be registered twice"),
          N_("The same savings or land counted twice inflates the city's figures: a reviewer decides.")),
    Check("parcel_without_project", PARCELS, N_("Parcels no project uses"),
          N_("A deleted draft's land or an import not yet tied to its project: a project may be missing its "
             "parcel."), filters=(("project", "without"),)),
)
BY_ID = {check.id: check for check in CHECKS}


def listed_checks(records: str) -> dict[str, Check]:
    """The checks ``records``' list filters by with ``check=<id>``, by id in the page's order (a check
    with filters of its own is that list's own filter, not a value of ``check``)."""
    return {check.id: check for check in CHECKS if check.records == records and not check.filters}


def listed_check(records: str, value: str | None) -> str | None:
    """``value`` if it is a ``check=`` value ``records``' list filters by, else ``None`` (a page passes
    over a value it cannot use, as it does a typed ?kind=boilers)."""
    return value if value in listed_checks(records) else None


def require_listed_check(records: str, value: str | None) -> str | None:
    """``value`` if it is the id of a check ``records``' list filters by (``None``: no check), else a
    ValidationError naming ``check`` and the ids it takes (the API's and the command line's strict reading)."""
    if value is None or listed_check(records, value):
        return value
    raise ValidationError.single(PARAMETER, UNKNOWN_VALUE, value=str(value)[:40],
                                 allowed=Listed(tuple(listed_checks(records))))


def checked_district(actor: Actor, asked: str | None) -> str | None:
    """Whose records the page checks: district staff their own district's, whatever they ask (as the
    lists open on it: they correct their district's records); the city roles the city (``None``) or
    the one district they ask for. A malformed code is refused naming ``district``."""
    if actor.role == DISTRICT_STAFF:
        return actor.district_code  # staff are created with one (services.accounts)
    if asked in (None, ""):
        return None
    if not is_ascii_digits(asked) or len(asked) != 6:
        raise ValidationError.single("district", N_("must be a 6-digit district code"))
    return asked
