"""Use cases behind OGC API – Features: collections, pages of features, one feature.

Readers see what the UI shows them: every role reads parcels, zones and districts; district staff
read other districts' projects only once approved (``permissions.can_read_record``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from registry.domain.errors import N_, NotFound
from registry.domain.numbers import is_ascii_digits
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.repositories import features as repo
from registry.repositories.driver import ReadSession
from registry.repositories.features import COLLECTIONS, Collection, FeatureFilter

__all__ = ["COLLECTIONS", "Collection", "FeatureFilter", "FeaturePage", "collection", "extent", "feature", "features"]


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


def features(session: ReadSession, actor: Actor, collection_id: str, f: FeatureFilter, limit: int, offset: int,
             flip_axes: bool) -> FeaturePage:
    """A page of features (ordered by id) and how many match in all."""
    c = collection(collection_id)
    f = _scoped(actor, c, f)
    matched, features = repo.page(session, c, f, limit, offset, flip_axes)
    return FeaturePage(matched, max(0, min(limit, matched - offset)), features)


def feature(session: Session, actor: Actor, collection_id: str, feature_id: str, flip_axes: bool) -> str:
    c = collection(collection_id)
    key: str | int = feature_id
    if not c.id_is_text:
        if not is_ascii_digits(feature_id) or len(feature_id) > 18:
            raise NotFound(N_("No feature %(id)s in %(name)s."), id=feature_id[:40], name=c.id)
        key = int(feature_id)
    scope = _scoped(actor, c, FeatureFilter()).project_scope
    found = repo.one(session, c, key, flip_axes, scope)
    if found is None:
        raise NotFound(N_("No feature %(id)s in %(name)s."), id=feature_id[:40], name=c.id)
    return found


def extent(session: Session) -> tuple[float, float, float, float]:
    return repo.extent(session)
