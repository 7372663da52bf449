"""Demo accounts, one per role (and district staff for two districts). Demo only: a production
installation loads no demo data and creates its users with ``registry users create``."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.permissions import Actor
from registry.repositories.accounts import user_by_name
from registry.services import accounts

DEMO_PASSWORD = "demo-password"
DEMO_ACCOUNTS = [
    # username, role, district, display name
    ("admin", "admin", None, "系统管理员（示意）"),
    ("reviewer", "city_reviewer", None, "市经信委审核员（示意）"),
    ("planner", "planner", None, "规划人员（示意）"),
    ("pudong", "district_staff", "310115", "浦东新区经委（示意）"),
    ("minhang", "district_staff", "310112", "闵行区经委（示意）"),
]


def ensure_demo_accounts(session: Session) -> int:
    """Create the demo accounts that are missing; return how many were created."""
    created = 0
    for username, role, district, name in DEMO_ACCOUNTS:
        if user_by_name(session, username) is None:
            accounts.create_user(session, Actor.system(), username, DEMO_PASSWORD, role, district, name)
            created += 1
    return created
