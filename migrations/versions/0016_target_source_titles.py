"""The seeded targets cite their documents by title, as a reader would, not by the developers'
note "(seed 000)"/"(seed 002)" (a file name in the seeds folder) that the targets page showed
beside every 2013, 2016 and 2017 target. Targets an administrator has since edited keep their
own source; the frozen reports of closed years stay as they were closed (they are immutable).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# seeded text → the document's title (registry/services/demo/targets.py loads the same titles)
TITLES = {
    "上海市经济和信息化委员会2013年工作要点 (seed 000)": "《上海市经济和信息化委员会2013年工作要点》",
    "2017年上海市经济和信息化系统工作会议部署 (seed 002)": "2017年上海市经济和信息化系统工作会议产业和信息化工作报告",
}


def _rename(pairs) -> None:
    bind = op.get_bind()
    for old, new in pairs:
        bind.execute(sa.text("UPDATE targets SET source = :new WHERE source = :old"), {"new": new, "old": old})


def upgrade() -> None:
    _rename(TITLES.items())


def downgrade() -> None:
    _rename((new, old) for old, new in TITLES.items())
