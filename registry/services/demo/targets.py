"""Targets of the seed documents (DOMAIN.md §6): the 2013 and 2017 plans and the 2016 actuals."""
from __future__ import annotations

from decimal import Decimal

from registry.services.records import TargetRecord

# The documents as a reader cites them (seeds 000 and 002; migration 0016 renames the notes
# "(seed 000)"/"(seed 002)" that earlier demo loads stored): the 2016 actuals are the same
# conference's review of 2016.
PLAN_2013 = "《上海市经济和信息化委员会2013年工作要点》"
PLAN_2017 = "2017年上海市经济和信息化系统工作会议产业和信息化工作报告"

# year, metric, value, value_max, unit, kind, source
SEED_TARGETS = [
    (2013, "structural_adjustment_projects", "500", None, "项", "plan", PLAN_2013),
    (2013, "retrofit_projects", "150", None, "项", "plan", PLAN_2013),
    (2013, "retrofit_savings_tce", "400000", None, "tce", "plan", PLAN_2013),
    (2013, "boilers_replaced", "300", None, "台", "plan", PLAN_2013),
    (2013, "motor_kw", "2000000", None, "kW", "plan", PLAN_2013),
    (2013, "motor_remanufactured_kw", "600000", None, "kW", "plan", PLAN_2013),
    (2013, "emc_projects", "200", None, "项", "plan", PLAN_2013),
    (2013, "emc_savings_tce", "100000", None, "tce", "plan", PLAN_2013),
    (2013, "cleaner_production_audits", "200", None, "项", "plan", PLAN_2013),
    (2013, "cleaner_production_investment_yi_yuan", "2", None, "亿元", "plan", PLAN_2013),
    (2013, "online_monitoring_enterprises", "206", None, "家", "plan", PLAN_2013),
    (2013, "solid_waste_utilisation_pct", "95", None, "%", "plan", PLAN_2013),
    (2017, "structural_adjustment_projects", "1000", None, "项", "plan", PLAN_2017),
    (2017, "energy_intensity_reduction_pct", "1.0", "1.5", "%", "plan", PLAN_2017),
    (2017, "dev_zone_land_output_yi_yuan_per_km2", "68", None, "亿元/km²", "plan", PLAN_2017),
    (2017, "retrofit_investment_share_pct", "61", None, "%", "plan", PLAN_2017),
    (2016, "structural_adjustment_projects", "1176", None, "项", "actual", PLAN_2017),
    (2016, "energy_intensity_reduction_pct", "1.5", None, "%", "actual", PLAN_2017),
]


def seed_document_targets() -> list[TargetRecord]:
    return [
        TargetRecord(year=year, metric=metric, value=Decimal(value),
                     value_max=Decimal(vmax) if vmax else None, unit=unit, kind=kind, source=source)
        for year, metric, value, vmax, unit, kind, source in SEED_TARGETS
    ]
