"""Registering a similar project (以此为模板登记): what a new project takes from the project it is
started from, and what it leaves (docs/registration.md, "Registering a similar project").

Taken: the kind, the enterprise (by its credit code), the mode of exit, the parcels it holds that a
new project may still use (the same parcels, linked: never copies), the savings input document,
the investment, the subsidy requested and the output value. Moved on by a year: the year (the
source's + 1: the programmes run year after year) and the planned completion. The title loses the
source's year where it names it. Left: the status and the workflow's dates, the documents, the
verification, the approved subsidy, the reference number — each the source's own record.
"""
from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, Mapping

from registry.domain.errors import N_, DistrictRef, Message
from registry.domain.vocabulary import PARCEL_STATUSES
from registry.domain.years import MAX_YEAR

PARCEL_RETIRED = N_("split or merged into other parcels since: choose what it became on the map")
PARCEL_NOT_IN_USE = N_("no longer in use (%(status)s)")
PARCEL_ELSEWHERE = N_("lies in another district (%(district)s)")

# A year standing alone in a title, not part of a longer number (201301).
_YEAR = r"(?<!\d){year}(?!\d)"
_SUFFIX = r"(?:\s*(?:年度|年))?"  # 2013年, 2013 年度
_RANGE = r"\s*[-–—~～至到]\s*"  # 2012-2013, 2013至2015年
_OPEN, _CLOSE = "（(【[", "）)】]"
# What a title's remains are trimmed of at either end once the year is out: spaces and separators.
_EDGES = " \t,，、;；:：-–—·/|_"


def next_year(year: int) -> int:
    """The year a project started from one of ``year`` is proposed for: the next (at most ``MAX_YEAR``, a project's last)."""
    return min(year + 1, MAX_YEAR)


def title_without_year(title: str, year: int) -> str:
    """``title`` without the ``year`` it names (2013年高效电机改造 → 高效电机改造, 锅炉改造（2013）→
    锅炉改造, 2013 boiler replacement → boiler replacement), else as it is. A year inside a longer
    number (201301) or a range (2013-2014, 2013至2015年) is left alone, and so is a title that would
    be nothing without it."""
    year_text = _YEAR.format(year=year)
    if re.search(rf"\d{_RANGE}{year_text}|{year_text}{_SUFFIX}{_RANGE}\d", title):
        return title
    bracketed = re.compile(rf"\s*[{re.escape(_OPEN)}]\s*{year_text}{_SUFFIX}\s*[{re.escape(_CLOSE)}]")
    shorter = bracketed.sub("", title, count=1)
    if shorter == title:
        shorter = re.sub(rf"\s*{year_text}{_SUFFIX}", "", title, count=1)
    shorter = re.sub(r"\s{2,}", " ", shorter).strip(_EDGES)
    return shorter if shorter and shorter != title.strip(_EDGES) else title


def moved_by_years(day: date | None, years: int) -> date | None:
    """``day`` ``years`` later (29 February → 28 February when the year has none)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def carried_inputs(inputs: Mapping[str, Any], source_year: int, year: int) -> dict[str, Any]:
    """The source's savings input document for a project of ``year``: its year changed, an exit's
    ``baseline_year`` left out where it was the default (the year before), so that it follows the
    year the user settles on (the wizard and the parser both take the year before), else moved by
    as many years."""
    document = copy.deepcopy(dict(inputs)) | {"year": year}
    baseline = document.get("baseline_year")
    if isinstance(baseline, int) and not isinstance(baseline, bool):
        if baseline == source_year - 1:
            del document["baseline_year"]
        else:
            document["baseline_year"] = baseline + (year - source_year)
    return document


def parcel_left_out(status: str, retired: bool, parcel_district: str | None, project_district: str,
                    district_staff: bool) -> Message | None:
    """Why a parcel of the source stays out of the new project, or ``None`` when it is taken: split
    or merged since (``retired``: end-dated), no longer in use (freed by an exit, redeveloped or
    planned to be), or — for district staff, whom the save would refuse it — in another district."""
    if retired:
        return Message(PARCEL_RETIRED)
    if status != "in_use":
        return Message(PARCEL_NOT_IN_USE, {"status": Message(PARCEL_STATUSES.get(status, status))})
    if district_staff and parcel_district != project_district:
        return Message(PARCEL_ELSEWHERE, {"district": DistrictRef(parcel_district)})
    return None
