"""Use cases behind OGC API – Features: collections, pages of features, one feature.

Readers see what the UI shows them: every role reads parcels, zones and districts; district staff
read other districts' projects only once approved (``permissions.can_read_record``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Callable

from sqlalchemy.orm import Session

from registry.domain.errors import N_, NotFound
from registry.domain.numbers import is_ascii_digits
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, PROJECT_KINDS, PROJECT_STATUSES, ZONE_KINDS
from registry.repositories import features as repo, versions
from registry.repositories.driver import ReadSession
from registry.repositories.features import COLLECTIONS, Collection, Extent, FeatureFilter, Names, property_names

__all__ = ["COLLECTIONS", "Collection", "Extent", "FeatureFilter", "FeaturePage", "KeptExtents", "Names", "collection", "extents",
           "feature", "features", "names", "property_names"]

# The vocabularies whose names stand next to their codes (repositories.features, ``labels``).
VOCABULARIES = {"land_use": LAND_USE_CLASSES, "parcel_status": PARCEL_STATUSES, "zone_kind": ZONE_KINDS,
                "project_kind": PROJECT_KINDS, "project_status": PROJECT_STATUSES}
_names: dict[str, Names] = {}  # by locale: the catalogue does not change while the process runs
# The extents an app keeps (its ``AppCache``, ``api/ogc/routes.EXTENTS``): (database, collection) →
# (layer version, extent).
KeptExtents = dict[tuple[str, str], tuple[int, Extent]]
# The layer (its version: ``repositories.versions``) each collection is read from, where its name is not the layer's.
LAYER_OF = {"freed_land": "parcels"}


@dataclass(frozen=True)
class FeaturePage:
    number_matched: int
    number_returned: int
    features_json: str  # the GeoJSON Features, as text joined by commas (no brackets)


def collection(collection_id: str) -> Collection:
    found = COLLECTIONS.get(collection_id)
    if found is None:
        raise NotFound(N_("No collection named %(name)s."), name=collection_id[:60])
    return found


def _scoped(actor: Actor, c: Collection, f: FeatureFilter) -> FeatureFilter:
    if c.id == "projects" and actor.role == DISTRICT_STAFF:
        return replace(f, project_scope=actor.district_code or "")
    return f


def names(locale: str, translate: Callable[[str], str]) -> Names:
    """The names of the codes in ``locale`` (``translate`` renders a msgid in it)."""
    found = _names.get(locale)
    if found is None:
        labels = {v: {code: translate(text) for code, text in vocabulary.items()} for v, vocabulary in VOCABULARIES.items()}
        found = _names[locale] = Names(json.dumps(labels, ensure_ascii=False), "en" if locale == "en" else "zh")
    return found


def features(session: ReadSession, actor: Actor, collection_id: str, f: FeatureFilter, limit: int, offset: int,
             flip_axes: bool, labels: Names) -> FeaturePage:
    """A page of features (ordered by id) and how many match in all, the codes' names in ``labels``."""
    c = collection(collection_id)
    f = _scoped(actor, c, f)
    matched, features = repo.page(session, c, f, limit, offset, flip_axes, labels)
    return FeaturePage(matched, max(0, min(limit, matched - offset)), features)


def feature(session: Session, actor: Actor, collection_id: str, feature_id: str, flip_axes: bool,
            labels: Names) -> str:
    c = collection(collection_id)
    key: str | int = feature_id
    if not c.id_is_text:
        if not is_ascii_digits(feature_id) or len(feature_id) > 18:
            raise NotFound(N_("No feature %(id)s in %(name)s."), id=feature_id[:40], name=c.id)
        key = int(feature_id)
    scope = _scoped(actor, c, FeatureFilter()).project_scope
    found = repo.one(session, c, key, flip_axes, scope, labels)
    if found is None:
        raise NotFound(N_("No feature %(id)s in %(name)s."), id=feature_id[:40], name=c.id)
    return found


def extents(session: Session, collection_ids: list[str], kept: KeptExtents) -> dict[str, Extent]:
    """Each collection's extent, read again only once its layer changed since it was read into ``kept``."""
    database, layer_versions = versions.of_all_layers(session)
    found = {}
    for cid in collection_ids:
        version = layer_versions.get(LAYER_OF.get(cid, cid), -1)
        cached = kept.get((database, cid))
        if cached is None or cached[0] != version:
            cached = kept[(database, cid)] = (version, repo.extent(session, cid))
        found[cid] = cached[1]
    return found
