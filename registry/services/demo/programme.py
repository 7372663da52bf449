"""How many projects the demo's programme years count, by kind and district: the story the annual
rollup tells a leader against the seed documents' targets (DOMAIN.md §6, ``demo/targets.py``).

The demo counted 27 structural adjustments against the 2017 plan's 1,000 (a 600-project sample
spread evenly over five years, six kinds and sixteen districts): the target and the count are the
same measure (项, projects verified in the year), so it was the demo that was too small, not the
rollup that compared unlike things. The programme below is the demo at the city's scale:

- 2013 meets its plan's figures (500 exits, 150 retrofits, 300 boilers, 200 EMC projects, 200 audits)
  closely, one of them (EMC) a little short, as a finished year does;
- 2016 counts the 1,176 exits the 2017 conference reported for 2016 (its "reported actual");
- 2017 counts a little over its plan's 1,000;
- 2014 and 2015, with no published figures, climb between them; the other kinds stay near 2013's
  volume, coal boilers fading as they are replaced.

A project is counted under the default rule (verified, in the year of its verification) in the year
it stands in here. A smaller demo (``--projects``, the tests') is the same programme scaled down.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

SA, RETROFIT, BOILER, MOTOR, EMC, CLEANER = (
    "structural_adjustment", "technical_retrofit", "boiler_replacement", "motor_upgrade",
    "contract_energy_management", "cleaner_production")

# year → kind → projects verified that year
PROGRAMME: dict[int, dict[str, int]] = {
    2013: {SA: 517, RETROFIT: 156, BOILER: 311, MOTOR: 240, EMC: 193, CLEANER: 214},
    2014: {SA: 652, RETROFIT: 163, BOILER: 342, MOTOR: 236, EMC: 208, CLEANER: 221},
    2015: {SA: 871, RETROFIT: 171, BOILER: 367, MOTOR: 228, EMC: 214, CLEANER: 226},
    2016: {SA: 1176, RETROFIT: 176, BOILER: 294, MOTOR: 219, EMC: 223, CLEANER: 232},
    2017: {SA: 1024, RETROFIT: 182, BOILER: 205, MOTOR: 211, EMC: 231, CLEANER: 238},
}
IN_PROGRESS = 360  # the current year's work in progress (drafts … completed awaiting verification)
FULL_SIZE = sum(sum(kinds.values()) for kinds in PROGRAMME.values()) + IN_PROGRESS
# Of the work in progress, its kinds' shares (exits dominate, as in the programme).
IN_PROGRESS_KINDS = {SA: 40, BOILER: 10, MOTOR: 15, RETROFIT: 14, EMC: 11, CLEANER: 10}


def scaled(count: int) -> tuple[dict[tuple[int, str], int], int]:
    """(year, kind) → projects verified, and the work in progress, for a demo of ``count`` projects:
    the programme itself at ``FULL_SIZE``, else in proportion (largest remainders, an exact sum)."""
    cells = {(year, kind): n for year, kinds in PROGRAMME.items() for kind, n in kinds.items()}
    # a small demo keeps a sixth of itself in progress (the overview's queues, the statuses' lists)
    in_progress = min(count, max(round(count * IN_PROGRESS / FULL_SIZE), min(count // 6, IN_PROGRESS)))
    return _share_out(cells, count - in_progress), in_progress


def district_shares(count: int, weights: Mapping[str, int]) -> list[str]:
    """``count`` district codes in proportion to ``weights`` (a district's industrial parcels: where
    exits and retrofits happen — the suburbs' industrial districts, hardly the city centre's), in a
    stable interleaved order."""
    shares = _share_out(dict(weights), count)
    placed = [((j + 0.5) / n, code) for code, n in shares.items() for j in range(n)]
    return [code for _, code in sorted(placed)]


def _share_out(weights: Mapping, total: int) -> dict:
    whole = sum(weights.values()) or 1
    exact = {key: total * w / whole for key, w in weights.items()}
    shares = {key: int(v) for key, v in exact.items()}
    for key in sorted(exact, key=lambda k: (shares[k] - exact[k], str(k)))[:total - sum(shares.values())]:
        shares[key] += 1
    return shares


def verification_dates(rng: random.Random, year: int) -> tuple[date, date]:
    """(completed, verified) of a project verified in ``year``: verified between March and late
    December, 10–60 days after its completion in the same year — so the year a project is registered
    in, completed in and verified in is one, and every rule counts it there (a project completed in
    December and verified in January is the rollup tests' case, not the demo's story)."""
    verified = date(year, 3, 2) + timedelta(days=rng.randint(0, 301))
    return verified - timedelta(days=rng.randint(10, 60)), verified


def in_progress_kinds(rng: random.Random, count: int) -> Sequence[str]:
    return rng.choices(list(IN_PROGRESS_KINDS), list(IN_PROGRESS_KINDS.values()), k=count)
