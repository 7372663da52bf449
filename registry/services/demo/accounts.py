"""Demo accounts, one per role (and district staff for two districts). Demo only: a production
installation loads no demo data and creates its users with ``registry users create``."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.permissions import Actor
from registry.repositories.accounts import user_by_name
from registry.services import accounts

DEMO_PASSWORD = "demo-password"
# A display name is the person's own name and is shown as written in every language (names are not
# translated). The demo's are illustrative people named as a Shanghai office names its staff, in
# characters only, on English pages too (docs/development.md "Display names"): they had been role
# descriptions (市经信委审核员（示意）), then characters and pinyin (王敏 Wang Min), which put pinyin
# on every Chinese page.
DEMO_ACCOUNTS = [
    # username, role, district, display name
    ("admin", "admin", None, "陈静"),
    ("reviewer", "city_reviewer", None, "王敏"),
    ("planner", "planner", None, "刘洋"),
    ("pudong", "district_staff", "310115", "张伟"),
    ("minhang", "district_staff", "310112", "李娜"),
]
# The names demo accounts were created with before, oldest first: a demo load renames an account
# still bearing one of them.
FORMER_NAMES = {"admin": ("系统管理员（示意）", "陈静 Chen Jing"), "reviewer": ("市经信委审核员（示意）", "王敏 Wang Min"),
                "planner": ("规划人员（示意）", "刘洋 Liu Yang"), "pudong": ("浦东新区经委（示意）", "张伟 Zhang Wei"),
                "minhang": ("闵行区经委（示意）", "李娜 Li Na")}


def ensure_demo_accounts(session: Session) -> int:
    """Create the demo accounts that are missing, and give those still bearing a former demo name
    their current one; return how many were created."""
    created = 0
    for username, role, district, name in DEMO_ACCOUNTS:
        if user_by_name(session, username) is None:
            accounts.create_user(session, Actor.system(), username, DEMO_PASSWORD, role, district, name)
            created += 1
        else:
            accounts.rename_if_named(session, username, FORMER_NAMES[username], name)
    return created
