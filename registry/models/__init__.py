"""ORM models. Import from here: ``from registry.models import Parcel``."""
from registry.models.accounts import AuditEntry, LoginAttempt, User
from registry.models.base import Base
from registry.models.enterprises import Enterprise
from registry.models.places import District, Parcel, ParcelLineage, ParcelZone, Zone
from registry.models.projects import Project, project_parcels
from registry.models.reference import ElectricityEqualValue, EnergyFactor, Target

__all__ = [
    "AuditEntry", "Base", "LoginAttempt", "District", "ElectricityEqualValue", "EnergyFactor", "Enterprise",
    "Parcel", "ParcelLineage", "ParcelZone", "Project", "Target", "User", "Zone", "project_parcels",
]
