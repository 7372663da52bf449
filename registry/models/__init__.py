"""ORM models. Import from here: ``from registry.models import Parcel``."""
from registry.models.accounts import AuditEntry, LoginAttempt, SignIn, User
from registry.models.api import ApiToken, IdempotencyKey  # noqa: F401  (JSON API, issue 8)
from registry.models.base import Base
from registry.models.documents import ProjectDocument
from registry.models.enterprises import Enterprise, EnterpriseFormerName
from registry.models.land import LayerVersion, ParcelOutput, ParcelRedevelopment
from registry.models.monitoring import EnergyMonitoring, ProjectClaim
from registry.models.imports import ImportMapping, ImportRun  # noqa: F401  (bulk import, issue 7)
from registry.models.places import District, Parcel, ParcelLineage, ParcelZone, Zone
from registry.models.projects import Project, RetiredReference, project_parcels
from registry.models.reference import ElectricityEqualValue, EnergyFactor, SubsidyRule, Target

__all__ = [
    "AuditEntry", "Base", "LayerVersion", "ParcelOutput", "ParcelRedevelopment", "LoginAttempt", "District", "ElectricityEqualValue", "EnergyFactor", "EnergyMonitoring", "Enterprise", "EnterpriseFormerName",
    "Parcel", "ParcelLineage", "ParcelZone", "Project", "ProjectClaim", "ProjectDocument", "RetiredReference", "SignIn", "SubsidyRule", "Target", "User", "Zone", "project_parcels",
]
