"""The enterprise directory's filters read strictly from text (a download's query, the command line),
as ``services.projects.filters`` reads the project list's: a value the directory page would pass over
(``industry=Z9``, an unknown sort) is refused naming its parameter, rather than downloading some other
set of enterprises; and the filters written back as the page's query (its download buttons)."""
from __future__ import annotations

from typing import Any, Mapping

from registry.domain.fields import Errors
from registry.domain.industries import NOT_A_PREFIX, industry_prefix
from registry.domain.quality import ENTERPRISES, listed_checks
from registry.services.enterprise_directory import FIRST_DESCENDING, SORT_KEYS, WITH_PROJECTS, EnterpriseFilter
from registry.services.projects.filters import choice_param, district_param, text_param

DIRECTIONS = ("asc", "desc")


def parse_enterprise_filter(params: Mapping[str, Any]) -> EnterpriseFilter:
    """``q``, ``district``, ``industry``, ``projects``, ``check``, ``sort`` and ``dir`` as the directory
    and the API name them (an empty value is "any"; ``dir`` defaults as a column's first click sorts);
    ValidationError names each one that is not usable. Paging is not read: a download holds every page."""
    filters, errors = read_enterprise_filter(params)
    errors.raise_if_any()
    return filters


def read_enterprise_filter(params: Mapping[str, Any]) -> tuple[EnterpriseFilter, Errors]:
    """``parse_enterprise_filter``'s reading, each value it cannot use left at "any" (the order at the
    directory's own) and its problem in the ``Errors`` returned: the directory page's, which says them."""
    errors = Errors()
    district = district_param(errors, params)
    industry = text_param(params, "industry")
    prefix = industry_prefix(industry)
    if industry is not None and prefix is None:
        errors.add("industry", NOT_A_PREFIX)
    projects = choice_param(errors, params, "projects", WITH_PROJECTS)
    check = choice_param(errors, params, "check", listed_checks(ENTERPRISES))
    sort = choice_param(errors, params, "sort", SORT_KEYS) or "name"
    direction = choice_param(errors, params, "dir", DIRECTIONS) or ("desc" if sort in FIRST_DESCENDING else "asc")
    return EnterpriseFilter(text=text_param(params, "q"), district_code=district, industry=prefix,
                            with_projects=WITH_PROJECTS.get(projects or ""), check=check, sort=sort,
                            descending=direction == "desc"), errors


def filter_params(filters: EnterpriseFilter) -> dict[str, Any]:
    """``filters`` as the directory's query parameters, without the page (``district`` empty: every
    district, which district staff, whose directory opens on their own, must say)."""
    projects = next((word for word, value in WITH_PROJECTS.items() if value == filters.with_projects), None)
    params = {"q": filters.text, "district": filters.district_code or "", "industry": filters.industry,
              "projects": projects, "check": filters.check,
              "sort": filters.sort, "dir": "desc" if filters.descending else "asc"}
    return {name: value for name, value in params.items() if value is not None}
