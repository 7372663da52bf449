/* The registration wizard's energy step: the fields of each kind of project — the energy ledgers
   before and after, motor groups, a boiler's efficiencies, unit consumption — which build the
   savings input document (docs/accounting.md) as they are typed. The wizard (wizard.js) owns the
   document (``state.doc``), shows the step and previews what it computes (``changed``). */
"use strict";

window.wizardEnergy = function (config, form, { state, savings, changed, kind, year }) {
  const L_ = config.labels;
  const box = form.querySelector("#inputs-form");
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  const { numberText, typedNumber } = window.wizardValues;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, attrs || {});
    children.forEach((c) => node.append(c));
    return node;
  }
  // "移除", named for a screen reader by what it removes (a list of buttons all read "移除" alike)
  function removeButton(name, onclick) {
    const button = el("button", { type: "button", className: "danger small", textContent: L_.remove, onclick });
    button.setAttribute("aria-label", name);
    return button;
  }
  // ``path``: the field's path in the savings document, as the preview's problems name it. A text
  // field (inputmode: a phone's number keys): an <input type=number> hides what was typed when it
  // is no number, and the preview said 为必填项 for "12e" (wizardValues.typedNumber).
  function numberField(label, obj, key, extra, path = key) {
    const input = el("input", Object.assign({ inputMode: "decimal", autocomplete: "off", value: numberText(obj[key]) ?? "", name: `in-${key}` }, extra || {}));
    input.dataset.path = path;
    input.oninput = () => { obj[key] = typedNumber(input.value); savings.touch(path); changed(); };
    return el("label", {}, label, input);
  }
  // ``choose``: the user must pick one (an empty 请选择 first, required), no option is taken for them
  function selectField(label, obj, key, options, choose = false) {
    const select = el("select", { name: `in-${key}`, required: choose });
    select.dataset.path = key;
    if (choose) select.append(new Option(L_.choose, "", false, obj[key] === undefined));
    for (const [value, text] of options) select.append(new Option(text, value, false, obj[key] === value));
    if (obj[key] === undefined && options.length && !choose) obj[key] = options[0][0];
    select.onchange = () => {
      if (select.value === "") delete obj[key]; else obj[key] = select.value;
      savings.touch(key); changed();
    };
    return el("label", {}, label, select);
  }
  const unitName = (code) => (config.unit_labels || {})[code] || code;
  // line → the unit the user had before a change of energy replaced it (the energy does not take it):
  // said beside the unit until the user chooses one or types the quantity; kept over the table's redraws
  const replacedUnits = new WeakMap();
  // labelled fields side by side, each label above its input (the .grid layout of the motor rows)
  const fields = (...children) => el("div", { className: "grid" }, ...children);
  function ledger(title, key, template) {
    state.doc[key] = state.doc[key] || [Object.assign({}, template)];
    const table = el("table", { className: "data compact ledger" });
    // A cell names nothing: each field is named by its ledger and its column ("改造前 数量").
    const header = (column, text) => el("th", { id: `${key}-${column}`, scope: "col" }, text);
    const named = (field, column) => { field.setAttribute("aria-labelledby", `${key}-legend ${key}-${column}`); return field; };
    const render = () => {
      table.replaceChildren(el("tr", { className: "ledger-head" }, header("energy", L_.energy), header("quantity", L_.quantity), header("unit", L_.unit),
                                    el("th", { scope: "col" }, el("span", { className: "visually-hidden", textContent: L_.remove }))));
      state.doc[key].forEach((line, i) => {
        const energy = named(el("select", { name: `${key}-${i}-energy` }), "energy");
        for (const code of config.energy_order) energy.append(new Option(config.energies[code].label, code, false, line.energy === code));
        const unit = named(el("select", { name: `${key}-${i}-unit` }), "unit");
        // a replaced unit is said beside the field (read out as it appears) and marked on it
        const note = el("span", { className: "unit-note", id: `${key}-${i}-unit-note` });
        note.setAttribute("aria-live", "polite");
        unit.setAttribute("aria-describedby", note.id);
        const sayReplaced = () => {
          const own = replacedUnits.get(line);
          unit.classList.toggle("replaced", own !== undefined);
          note.textContent = own === undefined ? "" : fmt(L_.unit_replaced, { old: unitName(own), unit: unitName(line.unit) });
        };
        const fillUnits = () => {
          const units = config.energies[line.energy].units;
          // kept when the energy is also measured in it (heat and electricity in kWh, any in tce);
          // else the user's own unit if this energy takes it (back from a change), or its first
          if (!units.includes(line.unit)) {
            const own = replacedUnits.has(line) ? replacedUnits.get(line) : line.unit;
            if (own !== undefined) replacedUnits.set(line, own);
            line.unit = units.includes(own) ? own : units[0];
          }
          if (replacedUnits.get(line) === line.unit) replacedUnits.delete(line);
          unit.replaceChildren(...units.map((u) => new Option(unitName(u), u, false, line.unit === u)));
          sayReplaced();
        };
        fillUnits();
        energy.onchange = () => { line.energy = energy.value; fillUnits(); savings.touch(`${key}[${i}].energy`); changed(); };
        // a unit chosen, or the quantity typed again, is the user's answer to the note
        const answered = () => { replacedUnits.delete(line); sayReplaced(); };
        unit.onchange = () => { line.unit = unit.value; answered(); savings.touch(`${key}[${i}].unit`); changed(); };
        const quantity = named(el("input", { inputMode: "decimal", autocomplete: "off", value: numberText(line.quantity) ?? "", name: `${key}-${i}-quantity` }), "quantity");
        quantity.oninput = () => { line.quantity = typedNumber(quantity.value); answered(); savings.touch(`${key}[${i}].quantity`); changed(); };
        [[energy, "energy"], [unit, "unit"], [quantity, "quantity"]].forEach(([f, name]) => { f.dataset.path = `${key}[${i}].${name}`; });
        const remove = removeButton(fmt(L_.remove_line, { number: i + 1, ledger: title }), () => { state.doc[key].splice(i, 1); savings.touch(key); render(); changed(); });
        // each cell says its column too: on a phone the lines stack and the header row is not shown
        const cell = (label, ...fields) => { const td = el("td", {}, ...fields); if (label) td.dataset.label = label; return td; };
        table.append(el("tr", {}, cell(L_.energy, energy), cell(L_.quantity, quantity), cell(L_.unit, unit, note), cell(null, remove)));
      });
    };
    render();
    const add = el("button", { type: "button", className: "secondary", textContent: L_.add_line, onclick: () => { state.doc[key].push(Object.assign({}, template)); render(); changed(); } });
    return el("fieldset", {}, el("legend", { id: `${key}-legend`, textContent: title }), table, add);
  }
  function motors() {
    // One empty group to fill in, typical values as hints: an example saved unseen would be data.
    state.doc.motors = state.doc.motors || [{ remanufactured: false }];
    const hint = (value) => ({ placeholder: fmt(L_.example, { value }) });  // as it is typed: 5000, not 5,000
    const wrap = el("fieldset", {}, el("legend", { textContent: L_.motors }));
    const render = () => {
      wrap.querySelectorAll(".motor").forEach((n) => n.remove());
      state.doc.motors.forEach((m, i) => {
        const reman = el("input", { type: "checkbox", checked: !!m.remanufactured, name: `motor-${i}-remanufactured` });
        reman.dataset.path = `motors[${i}].remanufactured`;
        reman.onchange = () => { m.remanufactured = reman.checked; savings.touch(`motors[${i}].remanufactured`); changed(); };
        const field = (label, key, name, example) => numberField(label, m, key, { name: `motor-${i}-${name}`, ...hint(example) }, `motors[${i}].${key}`);
        const remove = removeButton(fmt(L_.remove_motor_group, { number: i + 1 }), () => { state.doc.motors.splice(i, 1); savings.touch("motors"); render(); changed(); });
        const row = el("div", { className: "motor grid" },
          field(L_.count, "count", "count", 1), field(L_.rated_kw, "rated_kw", "rated_kw", 15),
          field(L_.load_factor, "load_factor", "load_factor", 0.75), field(L_.hours, "hours_per_year", "hours", 5000),
          field(L_.eff_before, "efficiency_before", "efficiency_before", 0.887), field(L_.eff_after, "efficiency_after", "efficiency_after", 0.939),
          el("label", { className: "check" }, reman, L_.remanufactured), remove);
        wrap.insertBefore(row, add);
      });
    };
    const add = el("button", { type: "button", className: "secondary", textContent: L_.add_motor_group, onclick: () => { state.doc.motors.push({ remanufactured: false }); render(); changed(); } });
    wrap.append(add);
    render();
    return wrap;
  }
  // A coal or heavy-oil boiler is replaced by gas, an electric boiler or district heat (DOMAIN.md §2).
  const NEW_ENERGIES = ["natural_gas", "electricity", "heat"];
  const line = { energy: "raw_coal", unit: "t" };
  const elec = { energy: "electricity", unit: "10^4 kWh" };
  const gas = { energy: "natural_gas", unit: "10^4 m3" };  // an audit's usual saving, as its sheet of the workbook
  function buildInputs() {
    const k = kind();
    document.getElementById("no-kind").hidden = Boolean(k);
    if (!k) return;
    if (state.doc.kind !== k) state.doc = { kind: k };
    state.doc.kind = k;
    state.doc.year = year();
    box.replaceChildren();
    if (k === "structural_adjustment") {
      const typed = Number(year());  // NaN for a year that is no number: no baseline year guessed from it
      state.doc.baseline_year = state.doc.baseline_year || (Number.isInteger(typed) ? typed - 1 : undefined);
      box.append(fields(numberField(L_.baseline_year, state.doc, "baseline_year")), ledger(L_.prior_year, "energy_use", line));
    } else if (k === "motor_upgrade") {
      box.append(motors());
    } else if (k === "boiler_replacement") {
      const mode = state.doc.efficiency_before !== undefined ? "efficiency" : "measured";
      const choose = { mode };
      box.append(fields(selectField(L_.method, choose, "mode", [["measured", L_.measured], ["efficiency", L_.efficiency]])));
      const part = el("div");
      const fill = () => {
        part.replaceChildren(ledger(L_.before, "energy_before", line));
        if (choose.mode === "measured") {
          delete state.doc.efficiency_before; delete state.doc.efficiency_after; delete state.doc.new_energy;
          part.append(ledger(L_.after, "energy_after", gas));
        } else {
          delete state.doc.energy_after;
          // what replaces the coal: an electric boiler counts differently on the 等价值 basis
          const replacing = [...new Set([...NEW_ENERGIES, state.doc.new_energy].filter(Boolean))];
          part.append(fields(numberField(L_.eff_before, state.doc, "efficiency_before"), numberField(L_.eff_after, state.doc, "efficiency_after"),
            selectField(L_.new_energy, state.doc, "new_energy", replacing.map((code) => [code, config.energies[code].label]))));
        }
      };
      box.querySelector("select").addEventListener("change", () => { fill(); changed(); });
      fill();
      box.append(part);
    } else if (k === "technical_retrofit" || k === "contract_energy_management") {
      state.doc.method = state.doc.method || "measured";
      const choices = fields(selectField(L_.method, state.doc, "method", [["measured", L_.measured], ["intensity", L_.intensity]]));
      if (k === "contract_energy_management") choices.prepend(selectField(L_.emc_model, state.doc, "emc_model", config.emc_models, true));
      box.append(choices);
      const part = el("div");
      const fill = () => {
        if (state.doc.method === "intensity") {
          delete state.doc.energy_before; delete state.doc.energy_after;
          part.replaceChildren(fields(numberField(L_.int_before, state.doc, "intensity_before"), numberField(L_.int_after, state.doc, "intensity_after"),
            selectField(L_.int_unit, state.doc, "intensity_unit", [["tce/t", L_.iu_tce_t], ["kgce/t", L_.iu_kgce_t], ["tce/万元", L_.iu_tce_wy], ["kgce/万元", L_.iu_kgce_wy]]),
            numberField(L_.output, state.doc, "output_reporting")));
        } else {
          ["intensity_before", "intensity_after", "intensity_unit", "output_reporting"].forEach((f) => delete state.doc[f]);
          part.replaceChildren(ledger(L_.before, "energy_before", elec), ledger(L_.after, "energy_after", elec));
        }
      };
      box.querySelectorAll("select")[k === "contract_energy_management" ? 1 : 0].addEventListener("change", () => { fill(); changed(); });
      fill();
      box.append(part);
    } else {
      // A cleaner-production audit counts without energy data, or with measured ledgers where it
      // has them (domain/savings/parsing.py): the step said "add them" and offered no field for them.
      const choose = { mode: state.doc.energy_before || state.doc.energy_after ? "measured" : "none" };
      box.append(fields(selectField(L_.method, choose, "mode", [["none", L_.no_energy_data], ["measured", L_.measured]])));
      const part = el("div");
      const fill = () => {
        if (choose.mode === "measured") {
          part.replaceChildren(ledger(L_.before, "energy_before", gas), ledger(L_.after, "energy_after", gas));
        } else {
          delete state.doc.energy_before; delete state.doc.energy_after;
          part.replaceChildren(el("p", { className: "hint", textContent: L_.no_ledger }));
        }
      };
      box.querySelector("select").addEventListener("change", () => { fill(); changed(); });
      fill();
      box.append(part);
    }
    changed();
  }

  // What the preview waits for (wizard-preview.js hold): null once every field the step shows is
  // filled in — each ledger line's energy, quantity and unit (one line at least), each motor group's
  // figures, the intensities and output, a boiler's efficiencies, the EMC model — or there is none
  // (an audit without energy data); else the hint that says so. Whether what is typed is right is
  // the server's to say.
  const filled = (obj, keys) => Boolean(obj) && keys.every((key) => obj[key] !== undefined && obj[key] !== "");
  const MOTOR_FIGURES = ["count", "rated_kw", "load_factor", "hours_per_year", "efficiency_before", "efficiency_after"];
  const INTENSITY = ["intensity_before", "intensity_after", "intensity_unit", "output_reporting"];
  function waitingFor(doc) {
    if (doc.kind === "contract_energy_management" && !filled(doc, ["emc_model"])) return L_.preview_needs_fields;
    if (Array.isArray(doc.motors)) return doc.motors.length && doc.motors.every((m) => filled(m, MOTOR_FIGURES)) ? null : L_.preview_needs_motor;
    if (doc.method === "intensity") return filled(doc, INTENSITY) ? null : L_.preview_needs_fields;
    const ledgers = ["energy_use", "energy_before", "energy_after"].filter((key) => Array.isArray(doc[key]));
    const lines = ledgers.flatMap((key) => doc[key]);
    if (ledgers.length && !(lines.length && lines.every((l) => filled(l, ["energy", "quantity", "unit"])))) return L_.preview_needs_line;
    const estimate = doc.kind === "boiler_replacement" && ledgers.length && !ledgers.includes("energy_after");
    return estimate && !filled(doc, ["efficiency_before", "efficiency_after"]) ? L_.preview_needs_fields : null;
  }

  /* A document applied from the advanced JSON box, or the server's on load (wizard.js): null, or
     why it is refused — its ledgers' energies and units are chosen from lists here, and one the
     lists lack (a typo, an energy the registry does not count) broke the step's script. The server
     checks the rest. */
  const choiceList = (codes, name) => codes.map((code) => fmt(L_.json_choice, { code, name: name(code) })).join(L_.json_separator);
  const refusal = (path, problem, params) => fmt(config.field_names.problem, { field: savings.fieldName(path), problem: fmt(problem, params) });
  // An unknown energy as the server says one (registry/domain/energies.py): the nearest known ones by
  // code or name, and the reference page that lists them all — not all sixteen, a line as long as the box.
  function unknownEnergy(value) {
    const names = Object.fromEntries(config.energy_order.map((code) => [code, [code, config.energies[code].label]]));
    const near = window.wizardValues.nearestCodes(String(value), names);
    const problem = [L_.unknown_energy, L_.unknown_energy_near_one][near.length] || L_.unknown_energy_near_several;
    return [problem, { value: String(value).slice(0, 40), page: config.reference.name,
                       nearest: near.map((code) => fmt(L_.noted, { text: config.energies[code].label, note: code })).join(L_.list) }];
  }
  function refused(doc) {
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return L_.json_not_object;
    const energyName = (code) => config.energies[code].label;
    const known = (code) => typeof code === "string" && Object.hasOwn(config.energies, code);
    const lists = ["energy_use", "energy_before", "energy_after", "motors"].filter((key) => doc[key] !== undefined);
    const bad = lists.find((key) => !Array.isArray(doc[key]) || !doc[key].every((l) => l && typeof l === "object" && !Array.isArray(l)));
    if (bad) return refusal(bad, L_.json_not_lines, {});
    for (const key of lists.filter((key) => key !== "motors")) {
      for (const [i, l] of doc[key].entries()) {
        const none = l.energy === undefined || l.energy === null || (typeof l.energy === "string" && !l.energy.trim());
        if (none) return refusal(`${key}[${i}].energy`, L_.no_energy, {});  // asked for, as the server asks (not all sixteen)
        if (!known(l.energy)) return refusal(`${key}[${i}].energy`, ...unknownEnergy(l.energy));
        const units = config.energies[l.energy].units;
        if (l.unit !== undefined && !units.includes(l.unit)) {
          return refusal(`${key}[${i}].unit`, L_.json_unknown_unit, { value: String(l.unit), energy: energyName(l.energy), choices: choiceList(units, unitName) });
        }
      }
    }
    if (doc.new_energy !== undefined && !known(doc.new_energy)) {
      return refusal("new_energy", L_.json_unknown_energy, { value: String(doc.new_energy), choices: choiceList(NEW_ENERGIES, energyName) });
    }
    return null;
  }

  return { build: buildInputs, waitingFor, refused };
};
