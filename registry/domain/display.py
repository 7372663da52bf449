"""How stored values read on a page: the label of a code, of a field, and what changed in a document.

Pure lookups into the registry's own vocabularies (``vocabulary``, ``energies``); they return msgids,
translated at the edge. A value with no vocabulary is returned as ``None`` and shown as it is.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from registry.domain.channels import CHANNELS
from registry.domain.energies import ENERGIES
from registry.domain.rollups import RULES
from registry.domain.audit_vocabulary import AUDIT_ACTIONS, AUDIT_ENTITIES, RECORD_FIELDS
from registry.domain.vocabulary import (
    DOCUMENT_KINDS, EMC_MODELS, LAND_USE_CLASSES, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, ROLES,
    STRUCTURAL_MODES, TARGET_KINDS, TARGET_SCOPES, ZONE_KINDS,
)

ENERGY_LABELS: Mapping[str, str] = {code: energy.label for code, energy in ENERGIES.items()}

# The coordinate systems a file upload offers for a file that names none (or a wrong one), by the
# names GIS software gives them, on the wizard's map step and on the bulk import page alike (the
# import page offered the bare codes: district staff know CGCS2000 / 3° GK CM 120E, not EPSG:4549).
NAMED_CRS: tuple[tuple[str, str], ...] = (
    ("EPSG:4326", "WGS 84 (EPSG:4326)"), ("EPSG:4490", "CGCS2000 (EPSG:4490)"),
    ("EPSG:4549", "CGCS2000 / 3° GK CM 120E (EPSG:4549)"), ("EPSG:32651", "WGS 84 / UTM 51N (EPSG:32651)"),
)

# The vocabulary that names a field's codes, by the field's last name in its path.
VALUE_VOCABULARIES: Mapping[str, Mapping[str, str]] = {
    "kind": PROJECT_KINDS, "structural_mode": STRUCTURAL_MODES, "land_use_class": LAND_USE_CLASSES,
    "new_use": LAND_USE_CLASSES, "former_use": LAND_USE_CLASSES, "zone_kind": ZONE_KINDS, "role": ROLES,
    "scope": TARGET_SCOPES,
    "energy": ENERGY_LABELS, "new_energy": ENERGY_LABELS, "emc_model": EMC_MODELS,
    "document_kind": DOCUMENT_KINDS,
    # an export's filters (services.export_log): the trail's own, a rollup's counting rule
    "action": AUDIT_ACTIONS, "entity": AUDIT_ENTITIES, "channel": CHANNELS, "rule": RULES,
}
STATUS_VOCABULARIES: Mapping[str, Mapping[str, str]] = {
    "project": PROJECT_STATUSES, "parcel": PARCEL_STATUSES, "freed_land": PARCEL_STATUSES,
}
# A target's ``kind`` is plan/actual, not a project kind.
ENTITY_VOCABULARIES: Mapping[tuple[str, str], Mapping[str, str]] = {("target", "kind"): TARGET_KINDS}

_YEARLY_FIELD = re.compile(r"^(?P<name>[a-z_]+)_(?P<year>\d{4})$")


def leaf(field: str) -> str:
    """The last name of a field path: ``motors[0].remanufactured`` → ``remanufactured``."""
    return re.sub(r"\[\d+\]$", "", field.rsplit(".", 1)[-1])


def value_label(entity: str, field: str, value: Any) -> str | None:
    """The msgid naming ``value`` of ``field`` (a code of one of the vocabularies), else ``None``."""
    if not isinstance(value, str):
        return None
    name = leaf(field)
    vocabulary = ENTITY_VOCABULARIES.get((entity, name))
    if vocabulary is None:
        vocabulary = (STATUS_VOCABULARIES.get(entity, PROJECT_STATUSES) if name == "status"
                      else VALUE_VOCABULARIES.get(name, {}))
    return vocabulary.get(value)


def field_label(field: str) -> tuple[str, dict[str, Any]] | None:
    """The msgid and its parameters naming an audited field (``output_2025`` → Output 2025), else ``None``."""
    if field in RECORD_FIELDS:
        return RECORD_FIELDS[field], {}
    yearly = _YEARLY_FIELD.match(field)
    if yearly and f"{yearly['name']}_%(year)s" in RECORD_FIELDS:
        return RECORD_FIELDS[f"{yearly['name']}_%(year)s"], {"year": yearly["year"]}
    return None


def changed_keys(before: Any, after: Any) -> list[str]:
    """The top-level keys whose values differ between two JSON documents (all of ``after``'s keys
    when there was none before), in document order."""
    old = before if isinstance(before, Mapping) else {}
    new = after if isinstance(after, Mapping) else {}
    keys = list(new) + [k for k in old if k not in new]
    return [k for k in keys if old.get(k) != new.get(k) or (k in old) != (k in new)]


_NUMBER_SUFFIXES = ("_tce", "_equal_value", "_wan_yuan", "_m2", "_kw")


def is_number_field(field: str) -> bool:
    """Whether an audited field holds a figure (stored as an exact decimal string in the log)."""
    name = leaf(field)
    return name.endswith(_NUMBER_SUFFIXES) or bool(_YEARLY_FIELD.match(name) and name.startswith("output_"))


# Figures a history may name, by the unit their field's name ends in: shown rounded with their unit
# as the project page shows them (presentation.PLACES: 0.01 tce, 0.1 kW, 0.01 万元), not every digit the engine carried.
_FIGURE_UNITS = (("_tce", "tce"), ("_tce_equal_value", "tce"), ("_kw", "kW"), ("_kwh", "kWh"),
                 ("_wan_yuan", "万元"))
_DATE_FIELDS = frozenset({"planned_completion", "valid_from", "valid_to", "as_of", "since", "until"})


def figure_unit(field: str) -> str | None:
    """The unit of a computed figure named by ``field`` (``savings_tce`` → tce), else ``None``."""
    name = leaf(field)
    return next((unit for suffix, unit in _FIGURE_UNITS if name.endswith(suffix)), None)


# Entries of a bulk import or a dataset load hold what it did ({"file": …, "inserted": 12}), an export's
# what was asked ({"format": "xlsx", "rows": 120, "kind": …}) and a backup's or a restore's its file
# ({"file": …, "size_bytes": …, "os_user": …}): not a [before, after] pair per field
# (services/audit.record_summary's entries, each of these actions).
SUMMARY_ACTIONS = frozenset({"import", "load", "export", "backup", "restore"})


def is_moment_field(field: str) -> bool:
    """Whether an audited field holds a moment (``expires_at``, ``revoked_at``, a report's ``as_of``)."""
    name = leaf(field)
    return name.endswith("_at") or name == "as_of"


def is_date_field(field: str) -> bool:
    """Whether an audited field holds a day (``completed_on``, ``planned_completion`` …), logged as ISO text."""
    name = leaf(field)
    return name.endswith("_on") or name in _DATE_FIELDS


def as_decimal(value: Any) -> Decimal | None:
    """A stored value as a finite number (a figure logged as text, an int, a float), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


# Han characters (the unified ideographs, their extension A and compatibility forms, and the planes of
# the later extensions): what marks a value typed by a person as written in Chinese.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
CHINESE_TEXT_LANG = "zh-Hans"  # the BCP 47 tag of a value written in Chinese, on a page in another language


def writes_chinese(text: str | None) -> bool:
    """Whether ``text`` (a name, a source, a note as someone typed it) holds Chinese: a page in another
    language marks it as Chinese text, so a screen reader reads it with a Chinese voice and the browser
    picks a Chinese font for it."""
    return bool(text) and _HAN.search(text) is not None


# A run of Chinese inside other text: Han characters with the CJK punctuation, full-width forms and
# digits between them and that punctuation around them (示意数据（演示）, 2013年工作要点), not the ASCII
# brackets an English sentence puts round it.
_CJK_PUNCTUATION = "[\u3000-\u303f\uff00-\uffef]"
_CHINESE_RUN = re.compile(f"{_CJK_PUNCTUATION}*{_HAN.pattern}(?:(?:{_CJK_PUNCTUATION}|[0-9])*{_HAN.pattern})*{_CJK_PUNCTUATION}*")


def chinese_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into its runs of Chinese and the rest, in order, each with whether it is Chinese:
    an English text of the registry's own that names a Chinese term (Equal value (等价值)) marks
    only the term as Chinese, so a screen reader switches voice for it alone."""
    parts: list[tuple[str, bool]] = []
    end = 0
    for run in _CHINESE_RUN.finditer(text):
        if run.start() > end:
            parts.append((text[end:run.start()], False))
        parts.append((run.group(), True))
        end = run.end()
    if end < len(text):
        parts.append((text[end:], False))
    return parts
