"""Field-mapping profiles of the GIS import: which one a run uses, by the rules of who asks —
an operator on the server may name a TOML file, a web user only a saved profile."""
from __future__ import annotations

from pathlib import Path

from registry.domain.errors import N_, ValidationError
from registry.repositories import import_mappings as saved_mappings
from registry.services.imports.mapping import PROFILE_NAME_MAX, MappingProfile, read_mapping_file


def resolve_profile(session, target: str, mapping: str | None) -> MappingProfile:
    """For the CLI (an operator on the server): ``mapping`` is a TOML file's path or the name of a
    saved profile (None: the usual spellings)."""
    if not mapping:
        return MappingProfile()
    path = Path(mapping)
    if path.suffix.lower() == ".toml" or path.is_file():
        return read_mapping_file(path)
    saved = saved_mappings.load_mapping(session, target, mapping)
    if saved is None:
        raise ValidationError.single("mapping", N_("no mapping file or saved profile called %(name)s"), name=mapping)
    return MappingProfile.from_dict(saved)


def saved_profile(session, target: str, name: str | None) -> MappingProfile:
    """For the web: ``name`` is only ever the name of a saved profile, never a path — a path would
    let a user read the server's files through the TOML parser's messages (None: the usual spellings)."""
    if not name:
        return MappingProfile()
    saved = saved_mappings.load_mapping(session, target, name)
    if saved is None:
        raise ValidationError.single("mapping", N_("there is no saved field mapping called %(name)s"),
                                     name=name[:PROFILE_NAME_MAX])
    return MappingProfile.from_dict(saved)


def saved_mapping_names(session, target: str) -> list[str]:
    return saved_mappings.mapping_names(session, target)
