"""Texts the registration wizard's JavaScript shows, translated on the server.

They live here, not in the template, because Jinja's gettext formats every string and these
keep their %(name)s placeholders for the browser to fill in.
"""
from __future__ import annotations

from flask_babel import gettext

from registry.domain.energies import NO_ENERGY, UNKNOWN_ENERGY, UNKNOWN_ENERGY_NEAR_ONE, UNKNOWN_ENERGY_NEAR_SEVERAL
from registry.web.display import unit_label


def wizard_labels() -> dict[str, str]:
    return {
        "found": gettext("Found: %(name)s"),
        "not_found": gettext("Not registered yet: enter the enterprise's name to create it."),
        "code_ok": gettext("The check character is correct."),
        "code_bad": gettext("Check character should be %(expected)s, got “%(got)s”."),
        "code_length": gettext("A credit code has 18 characters; this one has %(n)s."),
        "code_char": gettext("Character “%(char)s” at position %(pos)s is not allowed."),
        "area": gettext("Area"),
        "mu": gettext("mu"),
        "ha": gettext("ha"),
        "invalid": gettext("Invalid polygon"),
        "use_repair": gettext("Use the repaired polygon"),
        "overlaps": gettext("Overlaps existing parcels"),
        "overlap_reason": gettext("Reason for the overlap (required)"),
        "remove": gettext("Remove"),
        # each remove button's name says what it removes: a list of "移除" read alike to a screen reader
        "remove_parcel": gettext("Remove parcel %(code)s"),
        "remove_new_parcel": gettext("Remove new parcel %(number)s"),
        "remove_line": gettext("Remove line %(number)s of “%(ledger)s”"),
        "remove_motor_group": gettext("Remove motor group %(number)s"),
        "selected": gettext("selected existing parcel"),
        "drawn": gettext("New parcel"),
        "land_use": gettext("Land use"),
        "checking": gettext("Checking…"),
        "savings_eq": gettext("Savings, equivalent value (当量值)"),
        "savings_ev": gettext("Savings, equal value (等价值)"),
        "no_ev": gettext("No equal value published for this year"),
        "negative_savings": gettext("The savings are negative: more energy is used after the project than before. "
                                    "Check each line's quantity and unit (tonnes against 10⁴ m³, for instance)."),
        "tce": gettext("tce"),
        "kwh": gettext("Electricity saved"),
        "kwh_unit": unit_label("kWh"),
        "kw": gettext("Motor power installed"),
        "kw_unit": unit_label("kW"),
        "reman": gettext("of which remanufactured"),
        "energy": gettext("Energy"),
        "quantity": gettext("Quantity"),
        "unit": gettext("Unit"),
        "add_line": gettext("Add a line"),
        "before": gettext("Before the project (baseline)"),
        "after": gettext("After the project (reporting)"),
        "prior_year": gettext("Energy use in the last full year before the exit"),
        "baseline_year": gettext("Baseline year"),
        "method": gettext("Method"),
        "measured": gettext("Measured before/after"),
        "efficiency": gettext("Efficiency estimate"),
        "intensity": gettext("Unit consumption (intensity)"),
        "eff_before": gettext("Efficiency before (0–1)"),
        "eff_after": gettext("Efficiency after (0–1)"),
        "new_energy": gettext("New energy"),
        "motors": gettext("Motor groups"),
        "count": gettext("Count"),
        "rated_kw": gettext("Rated power (kW)"),
        "load_factor": gettext("Load factor (0–1)"),
        "hours": gettext("Hours per year"),
        "remanufactured": gettext("Remanufactured"),
        "int_before": gettext("Intensity before"),
        "int_after": gettext("Intensity after"),
        "int_unit": gettext("Intensity unit"),
        # the options' values are the unit codes the accounting engine reads (registry.domain.units)
        "iu_tce_t": gettext("tce per tonne of product (tce/t)"),
        "iu_kgce_t": gettext("kgce per tonne of product (kgce/t)"),
        "iu_tce_wy": gettext("tce per 10,000 yuan of output (tce/万元)"),
        "iu_kgce_wy": gettext("kgce per 10,000 yuan of output (kgce/万元)"),
        "output": gettext("Output in the reporting period"),
        "emc_model": gettext("EMC model"),
        "choose": gettext("Please choose"),
        "no_ledger": gettext("A cleaner-production audit counts without energy data; if it has measured ledgers, "
                             "choose “%(method)s” as the method.", method=gettext("Measured before/after")),
        "no_energy_data": gettext("No energy data"),
        "corner_unreadable": gettext("Line %(line)s, “%(text)s”, is not a longitude and a latitude."),
        "corners_few": gettext("A parcel needs at least three corners."),
        "upload_failed": gettext("The file could not be used"),
        "upload_unusable": gettext("the server's answer could not be read; try again or use another file format"),
        "parcels_count": gettext("Parcels"),
        "exit_mode": gettext("Mode of exit"),
        "kind": gettext("Kind"),
        "enterprise": gettext("Enterprise"),
        "preview_error": gettext("The energy data has problems:"),
        "preview_waiting": gettext("Fill in the energy data to see the savings."),
        # what the energy step still needs before a preview is asked for (wizard-energy.js waitingFor)
        "preview_needs_line": gettext("Fill in each line's energy, quantity and unit to see the savings."),
        "preview_needs_motor": gettext("Fill in every figure of each motor group to see the savings."),
        "preview_needs_fields": gettext("Fill in every field above to see the savings."),
        # a ledger line's unit replaced when its energy changed to one not measured in it (wizard-energy.js)
        # a document from the advanced JSON box that cannot be used (wizard-values.js, wizard-energy.js)
        "json_empty": gettext("The document is empty: write a JSON object, or leave the box as it was."),
        "json_unreadable": gettext("The document is not valid JSON; nothing was changed."),
        "json_unreadable_at": gettext("The document is not valid JSON at line %(line)s, column %(column)s; nothing was changed."),
        "json_not_object": gettext("The document must be a JSON object ({ … }); nothing was changed."),
        "json_not_lines": gettext("must be a list of lines, each a JSON object"),
        "no_energy": gettext(NO_ENERGY),  # a line without one (nothing, or a blank), as the server asks
        "json_unknown_energy": gettext("unknown energy “%(value)s”; choose one of: %(choices)s"),  # a boiler's new energy
        # a ledger's unknown energy, as the server words it (domain/energies.py)
        "unknown_energy": gettext(UNKNOWN_ENERGY), "unknown_energy_near_one": gettext(UNKNOWN_ENERGY_NEAR_ONE),
        "unknown_energy_near_several": gettext(UNKNOWN_ENERGY_NEAR_SEVERAL),
        "new_tab": gettext("Opens in a new tab"),
        "json_unknown_unit": gettext("“%(value)s” is not a unit of %(energy)s; choose one of: %(choices)s"),
        "json_choice": gettext("%(code)s (%(name)s)"),
        "json_separator": gettext(", "),
        "unit_replaced": gettext("Unit changed from %(old)s to %(unit)s: check the quantity."),
        "savings_method": gettext("Savings method"),
        "example": gettext("e.g. %(value)s"),
        "add_motor_group": gettext("Add a motor group"),
        # the punctuation of the page's language (label：value, text（note）, 甲、乙, 甲；乙 in Chinese)
        "labelled": gettext("%(label)s: %(value)s"),
        "noted": gettext("%(text)s (%(note)s)"),
        "list": gettext(", "),
        "problems": gettext("; "),
    }
