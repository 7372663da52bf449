"""The project list's filters read from text (a page's query, the API's, the command line), one
reading for all: the export and the API take them strictly (``parse_project_filter``: a value it
cannot use is refused naming the field, rather than silently giving some other set of projects),
the list page leniently (``read_project_filter``: the value left out and said on the page)."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from registry.domain.credit_code import check_credit_code, normalize_credit_code
from registry.domain.errors import N_, FieldError, Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.fields import Errors
from registry.domain.numbers import is_ascii_digits, optional_year_number
from registry.domain.quality import PROJECTS, listed_checks
from registry.domain.years import MAX_YEAR, MIN_YEAR
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES, listed_choices
from registry.services.monitoring_checks import FILTERS as MONITORING_FILTERS
from registry.services.projects.listing import SORT_KEYS, ProjectFilter

DIRECTIONS = ("desc", "asc")


def text_param(params: Mapping[str, Any], name: str) -> str | None:
    """The parameter ``name`` as text, spaces stripped; ``None`` when absent or empty ("any")."""
    value = params.get(name)
    return str(value).strip() or None if value is not None else None


def choice_param(errors: Errors, params: Mapping[str, Any], name: str, allowed: Iterable[str] | Mapping[str, str],
                 named: bool = False) -> str | None:
    """The parameter ``name`` if it is one of ``allowed`` (or "any"); else ``None``, its problem in
    ``errors``, naming the choices by their codes or, ``named``, by their labels with their codes
    (``allowed`` a vocabulary: 电机改造（motor_upgrade）…)."""
    value = text_param(params, name)
    if value is not None and value not in allowed:
        choices = listed_choices(allowed) if named else Listed(tuple(allowed))
        errors.add(name, UNKNOWN_VALUE, value=value[:40], allowed=choices)
        return None
    return value


def district_param(errors: Errors, params: Mapping[str, Any]) -> str | None:
    """``district``: a 6-digit district code (or "any"); else ``None``, its problem in ``errors``."""
    district = text_param(params, "district")
    if district is not None and (not is_ascii_digits(district) or len(district) != 6):
        errors.add("district", N_("must be a 6-digit district code"))
        return None
    return district


def year_param(errors: Errors, params: Mapping[str, Any]) -> int | None:
    """``year``: a year from ``MIN_YEAR`` to ``MAX_YEAR`` (or "any"); else ``None``, its problem in
    ``errors`` in the words of every year field (必须是数字，实际为“2O23”: ``year_number``). The list
    page reads it so too, to say beside its field what its download would refuse."""
    return errors.capture(optional_year_number, params.get("year"), "year", MIN_YEAR, MAX_YEAR)


# How a yes-or-no filter is written: the list's checkbox sends 1, the API's documents true/false.
YES, NO = ("1", "true"), ("0", "false")


def flag(value: Any) -> bool | None:
    """A yes-or-no filter's value (``None`` or empty: no), or ``None`` when it is neither."""
    text = "" if value is None else str(value).strip().lower()
    return True if text in YES else False if text in NO + ("",) else None


# The list's filter by one enterprise (its page's link "在项目列表中查看"): its credit code.
ENTERPRISE = "enterprise"


def enterprise_code(value: Any) -> str | None:
    """The credit code of an ``enterprise=`` filter (``None`` or empty: any enterprise), normalised as
    the enterprise's own address reads it (full-width folded, spaces removed, upper case);
    ValidationError on ``enterprise`` naming the fault of a malformed one (its length, a character,
    the check character)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    code = normalize_credit_code(text)
    try:
        check_credit_code(code)
    except ValidationError as exc:
        raise ValidationError([FieldError(ENTERPRISE, e.message) for e in exc.field_errors]) from None
    return code


def parse_project_filter(params: Mapping[str, Any]) -> ProjectFilter:
    """``q``, ``district``, ``kind``, ``year``, ``status``, ``overdue``, ``check``, ``monitoring``,
    ``enterprise``, ``sort`` and ``dir`` as the list and the API name them (an empty value is "any"); ValidationError
    names each one that is not usable."""
    filters, errors = read_project_filter(params)
    errors.raise_if_any()
    return filters


def read_project_filter(params: Mapping[str, Any]) -> tuple[ProjectFilter, Errors]:
    """``parse_project_filter``'s reading, each value it cannot use left at "any" (the order at the
    list's own) and its problem in the ``Errors`` returned: the list page's, which says them."""
    errors = Errors()
    text = text_param(params, "q")
    district = district_param(errors, params)
    year = year_param(errors, params)
    kind = choice_param(errors, params, "kind", PROJECT_KINDS, named=True)
    status = choice_param(errors, params, "status", PROJECT_STATUSES, named=True)
    overdue = flag(params.get("overdue"))
    if overdue is None:
        errors.add("overdue", N_("must be 1 (only overdue projects) or 0"))
    check = choice_param(errors, params, "check", listed_checks(PROJECTS))
    monitoring = choice_param(errors, params, "monitoring", MONITORING_FILTERS, named=True)
    enterprise = errors.capture(enterprise_code, params.get(ENTERPRISE))
    sort = choice_param(errors, params, "sort", SORT_KEYS) or "updated"
    direction = choice_param(errors, params, "dir", DIRECTIONS) or "desc"
    return ProjectFilter(text=text, district_code=district, kind=kind, year=year, status=status,
                         overdue=bool(overdue), check=check, monitoring=monitoring, enterprise_code=enterprise, sort=sort,
                         descending=direction == "desc"), errors


def filter_params(filters: ProjectFilter) -> dict[str, Any]:
    """``filters`` as the list's query parameters (``district`` empty: every district, which district
    staff, whose list opens on their own district, must say); a sort the list passed over is the
    order it showed (by the last update)."""
    params = {"q": filters.text, "district": filters.district_code or "", "kind": filters.kind,
              "year": filters.year, "status": filters.status, "overdue": "1" if filters.overdue else None,
              "check": filters.check, "monitoring": filters.monitoring, ENTERPRISE: filters.enterprise_code,
              "sort": filters.sort if filters.sort in SORT_KEYS else "updated",
              "dir": "desc" if filters.descending else "asc"}
    return {name: value for name, value in params.items() if value is not None}


def download_stem(filters: ProjectFilter) -> str:
    """``projects-310115-2013``: what sets a download of the list apart from the day's others, as the
    parcel list's name says it (``domain.freed_land.download_stem``) — its district, its year, and
    ``filtered`` when any other filter narrows it (the sort and the page narrow nothing)."""
    parts = ["projects", *([filters.district_code] if filters.district_code else []),
             *([str(filters.year)] if filters.year is not None else [])]
    narrowed = (filters.text, filters.kind, filters.status, filters.overdue, filters.check, filters.monitoring,
                filters.enterprise_id, filters.enterprise_code)
    if any(narrowed):
        parts.append("filtered")
    return "-".join(parts)
