"""Field mapping: which column of a file feeds which field of a parcel, zone or district.

By default a field takes the first column whose name is one of its usual spellings (English or
Chinese, case-insensitive); a mapping (a TOML file or a profile saved in the database) names
columns explicitly and may also fix the layer, the CRS and the text encoding::

    [fields]
    code = "DKBH"
    land_use_class = "YDXZ"
    crs = "EPSG:4549"      # or "gcj02"
    encoding = "GBK"
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from registry.domain.errors import N_, FieldError, Listed, Message, ValidationError


@dataclass(frozen=True)
class TargetField:
    name: str
    required: bool
    label: str  # msgid: what the error report and the page call it (用地性质, not land_use_class)
    spellings: tuple[str, ...]


def _f(name: str, required: bool, label: str, *spellings: str) -> TargetField:
    return TargetField(name, required, label, (name, *spellings))


TARGET_FIELDS: dict[str, tuple[TargetField, ...]] = {
    "parcels": (
        _f("code", True, N_("Parcel code"), "parcel_code", "dkbh", "地块编号", "地块代码", "编号"),
        _f("land_use_class", True, N_("Land use"), "land_use_c", "land_use", "yddm", "ydxz", "用地性质", "用地代码", "用地分类"),
        _f("status", False, N_("Status"), "状态"),
        _f("valid_from", False, N_("In force from"), "起始日期", "生效日期"),
        _f("valid_to", False, N_("In force until"), "终止日期", "失效日期"),
        # a freed parcel's, as the registry's export writes them (registry/repositories/import_freed.py)
        _f("freed_on", False, N_("Freed on"), "腾出日期", "腾退日期"),
        _f("former_use", False, N_("Former use"), "原用途", "原用地性质"),
        _f("is_illustrative", False, N_("Illustrative"), "is_illustr", "示意"),
    ),
    "zones": (
        _f("kind", True, N_("Zone kind"), "zone_kind", "类型", "区块类型"),
        _f("name_zh", True, N_("Chinese name"), "name", "名称", "中文名称"),
        _f("name_en", False, N_("English name"), "英文名称", "ename"),
        _f("district_code", False, N_("District code"), "district_c", "区代码", "所属区"),
        _f("is_illustrative", False, N_("Illustrative"), "is_illustr", "示意"),
    ),
    "districts": (
        _f("code", True, N_("District code"), "adcode", "区划代码", "行政区划代码", "代码"),
        _f("name_zh", True, N_("Chinese name"), "name", "名称", "区名"),
        _f("name_en", False, N_("English name"), "英文名称", "ename"),
    ),
}
TARGETS = tuple(TARGET_FIELDS)


@dataclass(frozen=True)
class MappingProfile:
    """Explicit choices; anything left out falls back to the usual spellings and the file's CRS."""

    fields: Mapping[str, str] = field(default_factory=dict)
    layer: str | None = None
    crs: str | None = None
    encoding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"fields": dict(self.fields), "layer": self.layer, "crs": self.crs, "encoding": self.encoding}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "mapping") -> "MappingProfile":
        fields = data.get("fields", {})
        if not isinstance(fields, Mapping) or not all(isinstance(v, str) for v in fields.values()):
            raise ValidationError.single(f"{where}.fields", N_("must map field names to column names"))
        for key in ("layer", "crs", "encoding"):
            if data.get(key) is not None and not isinstance(data.get(key), str):
                raise ValidationError.single(f"{where}.{key}", N_("must be text"))
        return cls(dict(fields), data.get("layer"), data.get("crs"), data.get("encoding"))

    def overridden(self, layer: str | None, crs: str | None, encoding: str | None) -> "MappingProfile":
        """Options given on the command line or the form win over the profile."""
        return MappingProfile(self.fields, layer or self.layer, crs or self.crs, encoding or self.encoding)


GEOMETRY = N_("Geometry")  # every target's: the file's own geometry column, whatever it is called


def field_labels(target: str, field: str) -> tuple[Message, ...]:
    """What a reader calls a field of the error report (``land_use_class`` → 用地性质; the key of a
    repeated row, ``kind/name_zh``, → 区域类型 / 中文名称); none for a field of no label."""
    labels = {spec.name: spec.label for spec in TARGET_FIELDS.get(target, ())} | {"geometry": GEOMETRY}
    parts = field.split("/")
    return tuple(Message(labels[part]) for part in parts) if all(part in labels for part in parts) else ()


# Saved profiles are named in import_mappings.name (String(64)); the name is shown in a <select>.
PROFILE_NAME_MAX = 64
_PROFILE_NAME = re.compile(r"[\w\-.() （）]+")


def check_profile_name(name: str, where: str = "save_mapping") -> None:
    """Refuse a profile name the registry cannot store or show, before any work is done."""
    if len(name) > PROFILE_NAME_MAX:
        raise ValidationError.single(where, N_("a profile name has at most %(limit)d characters; this one has %(count)d"),
                                     limit=PROFILE_NAME_MAX, count=len(name))
    if not name.strip() or not _PROFILE_NAME.fullmatch(name):
        raise ValidationError.single(where, N_("a profile name may hold letters, digits, spaces and - _ . ( ) only"))


def read_mapping_file(path: Path) -> MappingProfile:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError.single("mapping", N_("cannot be read as TOML: %(reason)s"), reason=str(exc)[:200])
    return MappingProfile.from_dict(data)


def resolve_columns(target: str, profile: MappingProfile, columns: tuple[str, ...]) -> dict[str, str]:
    """{target field: source column} for every field the file provides; refuses unknown names
    and missing required fields, naming the columns the file has."""
    specs = TARGET_FIELDS[target]
    known = {f.name for f in specs}
    by_lower = {c.lower(): c for c in columns}
    errors: list[FieldError] = []
    chosen: dict[str, str] = {}
    for name, column in profile.fields.items():
        if name not in known:
            errors.append(FieldError(f"mapping.{name}", Message(
                N_("is not a field of %(target)s; fields are %(fields)s"), {"target": target,
                                                                             "fields": Listed(tuple(sorted(known)))})))
        elif column.lower() not in by_lower:
            errors.append(FieldError(f"mapping.{name}", Message(
                N_("the file has no column %(column)s; it has %(columns)s"),
                {"column": column, "columns": Listed(tuple(columns)) if columns else "-"})))
        else:
            chosen[name] = by_lower[column.lower()]
    for spec in specs:
        if spec.name in chosen or spec.name in profile.fields:
            continue
        for spelling in spec.spellings:
            if spelling.lower() in by_lower:
                chosen[spec.name] = by_lower[spelling.lower()]
                break
        else:
            if spec.required:
                errors.append(FieldError(spec.name, Message(
                    N_("no column for this required field (tried %(tried)s); the file has %(columns)s — "
                       "name one in a mapping"), {"tried": Listed(tuple(spec.spellings)), "columns": Listed(tuple(columns)) if columns else "-"})))
    if errors:
        raise ValidationError(errors)
    return chosen
