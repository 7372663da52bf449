"""The subsidy a project could claim by the city's rule (补贴测算), with the steps that give it.

DOMAIN.md §6 (沪经信法〔2017〕220号, *verify*): a technical retrofit earns 600 元 per tce saved a year,
a contract-energy-management project 800 元/tce under shared savings (效益分享) or 600 under
guaranteed savings (节能量保证) and only from 50 tce a year; either is capped at 500 万元 and at 30 % of
the project's investment. Those figures are data (``subsidy_rules``, seeded by migration 0033 with
their source), never constants here: a new rule is a row with the year it applies from.

The estimate is a reviewer's yardstick, not a decision: the approved subsidy stays what the city
approves (``subsidy_approved_wan_yuan``); the page says when a request exceeds the estimate.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from registry.domain.errors import N_, Message, Number
from registry.domain.numbers import plain
from registry.domain.trace import TraceStep

YUAN_PER_WAN_YUAN = Decimal(10_000)
# The tce a rule pays for: the figure on its electricity basis (docs/accounting.md §4)
EQUIVALENT, EQUAL_VALUE = "equivalent", "equal_value"


@dataclass(frozen=True)
class SubsidyRule:
    """What one kind of project (and, for EMC, one contract model) earns from ``first_year`` on."""

    kind: str
    emc_model: str | None  # None: any (a retrofit has no contract model)
    first_year: int
    yuan_per_tce: Decimal
    min_savings_tce: Decimal | None  # below it, nothing (EMC: 50 tce a year)
    cap_wan_yuan: Decimal | None  # per project
    cap_investment_share: Decimal | None  # of the project's investment, 0.30
    basis: str  # EQUIVALENT or EQUAL_VALUE: which of the project's two tce figures it pays for
    source: str  # the document, in Chinese
    source_en: str | None = None

    def applies_to(self, kind: str, emc_model: str | None, year: int) -> bool:
        return (self.kind == kind and self.first_year <= year
                and (self.emc_model is None or self.emc_model == emc_model))


def rule_for(rules: Iterable[SubsidyRule], kind: str, emc_model: str | None, year: int) -> SubsidyRule | None:
    """The rule in force for a project: of those that apply, the latest to take effect."""
    matching = [rule for rule in rules if rule.applies_to(kind, emc_model, year)]
    return max(matching, key=lambda rule: rule.first_year, default=None)


@dataclass(frozen=True)
class SubsidyEstimate:
    """``amount_wan_yuan`` by ``rule``, or ``None`` with ``pending`` saying what it waits for."""

    rule: SubsidyRule
    savings_tce: Decimal | None
    amount_wan_yuan: Decimal | None
    steps: tuple[TraceStep, ...]
    notes: tuple[Message, ...] = ()
    pending: Message | None = None

    def exceeded_by(self, requested_wan_yuan: Decimal | None) -> bool:
        """Whether a requested (or approved) amount is more than the rule gives."""
        return (requested_wan_yuan is not None and self.amount_wan_yuan is not None
                and requested_wan_yuan > self.amount_wan_yuan)


def estimate_subsidy(rule: SubsidyRule, savings_tce: Decimal | None,
                     investment_wan_yuan: Decimal | None) -> SubsidyEstimate:
    """The subsidy ``rule`` gives for ``savings_tce`` a year (on the rule's basis), capped per project
    and by the share of ``investment_wan_yuan``; each step with its numbers put in."""
    if savings_tce is None:
        waits = (N_("The subsidy is estimated once the year's equal value (等价值) is recorded.")
                 if rule.basis == EQUAL_VALUE else N_("The subsidy is estimated once the savings are computed."))
        return SubsidyEstimate(rule, None, None, (), pending=Message(waits))
    if savings_tce <= 0:  # a coal-to-electric boiler can use more energy on the 等价值 basis
        return SubsidyEstimate(rule, savings_tce, Decimal(0), (), (Message(N_("The project saves no energy on this basis: no subsidy.")),))
    if rule.min_savings_tce is not None and savings_tce < rule.min_savings_tce:
        note = Message(N_("Savings of %(savings)s tce a year are below the rule's %(minimum)s tce: no subsidy."),
                       {"savings": Number(savings_tce, 2), "minimum": Number(rule.min_savings_tce, 0)})
        return SubsidyEstimate(rule, savings_tce, Decimal(0), (), (note,))
    amount = savings_tce * rule.yuan_per_tce / YUAN_PER_WAN_YUAN
    steps = [TraceStep(Message(N_("Savings × rate")),
                       f"{plain(savings_tce)} tce × {plain(rule.yuan_per_tce)} 元/tce ÷ 10000", amount, "万元")]
    notes: list[Message] = []
    if rule.cap_wan_yuan is not None and amount > rule.cap_wan_yuan:
        amount = rule.cap_wan_yuan
        steps.append(TraceStep(Message(N_("Capped per project")), f"min(…, {plain(rule.cap_wan_yuan)})", amount, "万元"))
    if rule.cap_investment_share is not None:
        if investment_wan_yuan is None:
            notes.append(Message(N_("No investment is recorded: the cap of %(share)s %% of the investment is not applied."),
                                 {"share": Number(rule.cap_investment_share * 100, 0)}))
        elif amount > (share_cap := investment_wan_yuan * rule.cap_investment_share):
            amount = share_cap
            steps.append(TraceStep(Message(N_("Capped at a share of the investment")),
                                   f"{plain(investment_wan_yuan)} × {plain(rule.cap_investment_share)}", amount, "万元"))
    return SubsidyEstimate(rule, savings_tce, amount, tuple(steps), tuple(notes))
