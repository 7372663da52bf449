"""The freed-land query's filters in words, for the printed list: on paper the filter form is hidden
(static/css/print.css), so the page says which filters chose the parcels it lists."""
from __future__ import annotations

from typing import Iterator, Mapping

from flask_babel import gettext

from registry.domain.freed_land import AREA_UNITS
from registry.domain.parcel_list import PROJECT_TIES
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.i18n import labelled


def _first(args: Mapping[str, list[str]], key: str) -> str:
    return (args.get(key) or [""])[0].strip()


def _span(low: str, high: str) -> str:
    return f"{low or '…'}–{high or '…'}"


def _names(codes: list[str], vocabulary: Mapping[str, str], translated: bool = True) -> str:
    return gettext(", ").join(gettext(vocabulary[c]) if translated and c in vocabulary else vocabulary.get(c, c)
                              for c in codes)


# The query's parameters by the filter of the form that sets them: the print says each filter, and a
# query finding nothing offers to drop one (all its parameters at once).
GROUPS = {"district": ("district",), "zone_kind": ("zone_kind",), "year": ("year_from", "year_to"),
          "area": ("area_min", "area_max", "area_unit"), "land_use": ("land_use",), "status": ("status",),
          "map": ("polygon", "bbox", "lon", "lat", "radius_km"), "code": ("code",), "project": ("project",)}


def filter_phrases(args: Mapping[str, list[str]], district_labels: Mapping[str, str],
                   land_use_as_freed: bool = False) -> list[tuple[str, str]]:
    """(group of ``GROUPS``, "District: 浦东新区、闵行区") of each filter ``args`` set, in the form's order;
    the land use named as the freed land's filter reads it (``Scope.land_use_as_freed``: 原用途)."""
    said = []
    for key, label, vocabulary, translated in (("district", gettext("District"), district_labels, False),
                                               ("zone_kind", gettext("Zone kind"), ZONE_KINDS, True)):
        if args.get(key):
            said.append((key, labelled(label, _names(args[key], vocabulary, translated))))
    if _first(args, "year_from") or _first(args, "year_to"):
        said.append(("year", labelled(gettext("Year freed"),
                                      _span(_first(args, "year_from"), _first(args, "year_to")))))
    if _first(args, "area_min") or _first(args, "area_max"):
        unit = AREA_UNITS.get(_first(args, "area_unit") or "m2")
        said.append(("area", labelled(gettext("Area"), f"{_span(_first(args, 'area_min'), _first(args, 'area_max'))} "
                                                       f"{gettext(unit) if unit else ''}".rstrip())))
    land_use = gettext("Former use") if land_use_as_freed else gettext("Land-use class")
    for key, label, vocabulary in (("land_use", land_use, LAND_USE_CLASSES),
                                   ("status", gettext("Redevelopment status"), PARCEL_STATUSES)):
        if args.get(key):
            said.append((key, labelled(label, _names(args[key], vocabulary))))
    if _first(args, "polygon"):
        said.append(("map", gettext("within the polygon drawn on the map")))
    elif _first(args, "bbox"):
        said.append(("map", gettext("within the map view")))
    if _first(args, "lon") and _first(args, "lat"):
        said.append(("map", gettext("within %(km)s km of %(lon)s, %(lat)s", km=_first(args, "radius_km") or "?",
                                    lon=_first(args, "lon"), lat=_first(args, "lat"))))
    # the parcel list's own filters
    if _first(args, "code"):
        said.append(("code", labelled(gettext("Parcel code starts with"), _first(args, "code"))))
    if _first(args, "project") in PROJECT_TIES:
        said.append(("project", labelled(gettext("Projects"), gettext(PROJECT_TIES[_first(args, "project")]))))
    return said


def filters_in_words(args: Mapping[str, list[str]], district_labels: Mapping[str, str]) -> str:
    """"Filters: District: 浦东新区、闵行区; Year freed: 2013–2015; …" in the page's language (the freed land's)."""
    said = [phrase for _group, phrase in filter_phrases(args, district_labels, land_use_as_freed=True)]
    return labelled(gettext("Filters"), gettext("; ").join(said) if said else gettext("none (all freed land)"))


def without(args: Mapping[str, list[str]], group: str) -> dict[str, list[str]]:
    """``args`` without the parameters of the filter ``group`` (nor a page's offset)."""
    return {k: v for k, v in args.items() if k not in GROUPS[group] and k != "offset"}


def relaxations(args: Mapping[str, list[str]], district_labels: Mapping[str, str],
                phrased: Mapping[str, list[str]] | None = None,
                land_use_as_freed: bool = False) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """For a list that found nothing, each filter set (``phrased``: the arguments to say, ``args`` by
    default), in words, with ``args`` without it: the freed land's and the parcel list's suggestions."""
    phrases: dict[str, list[str]] = {}
    for group, phrase in filter_phrases(args if phrased is None else phrased, district_labels, land_use_as_freed):
        phrases.setdefault(group, []).append(phrase)
    for group, said in phrases.items():
        yield gettext("; ").join(said), without(args, group)
