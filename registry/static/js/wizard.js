/* Registration wizard: steps, enterprise look-up, kind-specific energy inputs that build the
   savings input document (docs/accounting.md), live savings preview, review and save. */
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("wizard-config").textContent);
  const L_ = config.labels;
  const form = document.getElementById("wizard");
  const csrf = form.querySelector("input[name=csrf_token]").value;
  const $ = (sel) => form.querySelector(sel);
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  let step = config.start_step || 1;

  const { parseExact, numberText, typedNumber, creditCheck } = window.wizardValues;
  const savings = window.wizardPreview(config, csrf);

  let doc = {};
  try { doc = parseExact($("#inputs").value || "{}"); } catch (e) { doc = {}; }

  /* ---- steps ---- */
  function show(n) {
    step = Math.min(5, Math.max(1, n));
    form.querySelectorAll(".step").forEach((s) => { s.hidden = Number(s.dataset.step) !== step; });
    document.querySelectorAll("#steps-nav button").forEach((b) => {
      if (Number(b.dataset.step) === step) b.setAttribute("aria-current", "step"); else b.removeAttribute("aria-current");
    });
    $("#prev").hidden = step === 1;
    $("#next").hidden = step === 5;
    if (step === 3) setTimeout(() => { parcels.map.invalidateSize(); if (!parcels.zoomed) { parcels.zoomToStart(); parcels.zoomed = true; } }, 0);
    if (step === 4) buildInputs();
    if (step === 5) { savings.attempt(); summarise(); }
  }
  // Back and Next move the focus to the heading of the step they open: its fields are above them,
  // and on the first (last) step the button just pressed is hidden, which would drop the focus.
  function focusStep() {
    const heading = form.querySelector(`.step[data-step="${step}"] h2`);
    heading.tabIndex = -1;
    heading.focus();
  }
  $("#prev").onclick = () => { show(step - 1); focusStep(); };
  $("#next").onclick = () => { if (step === 4) savings.attempt(); show(step + 1); focusStep(); };
  document.querySelectorAll("#steps-nav button").forEach((b) => { b.onclick = () => show(Number(b.dataset.step)); });
  document.getElementById("choose-kind").onclick = () => { show(1); focusStep(); };
  const kind = () => (form.querySelector("input[name=kind]:checked") || {}).value;
  const year = () => Number($("input[name=year]").value) || undefined;  // none: the document's year is missing
  form.querySelectorAll("input[name=kind]").forEach((r) => r.addEventListener("change", () => {
    if (doc.kind !== kind()) doc = {};
    form.querySelector(".sa-only").hidden = kind() !== "structural_adjustment";
  }));
  form.querySelector(".sa-only").hidden = kind() !== "structural_adjustment";

  /* ---- enterprise: GB 32100 check in the browser for instant feedback (the server re-checks) ---- */
  function creditProblem(code) {
    const problem = creditCheck(code);
    return problem && fmt(L_[problem.message], problem.params);
  }
  let lookedUp = null;  // the code last checked, so leaving the field does not check it again
  async function lookup() {
    const code = $("#credit_code").value.trim().toUpperCase();
    if (code !== $("#credit_code").value) $("#credit_code").value = code;
    lookedUp = code;
    const feedback = document.getElementById("credit-feedback");
    const problem = creditProblem(code);
    feedback.textContent = problem || L_.code_ok;
    feedback.className = problem ? "field-error" : "hint ok";
    if (problem) return;
    const response = await fetch(`${config.urls.enterprise}?code=${encodeURIComponent(code)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await response.json();
    if (body.found) {
      feedback.textContent = fmt(L_.found, { name: body.name });
      $("#enterprise_name").value = body.name;
    } else {
      feedback.textContent = `${L_.code_ok} ${L_.not_found}`;
    }
  }
  $("#lookup").onclick = lookup;
  // Checked as typed, once the code is complete: its message is shown before the user leaves the
  // field. Shown on leaving it (a press of 下一步), the message moved the button from under the pointer.
  $("#credit_code").addEventListener("input", () => { if ($("#credit_code").value.trim().length === 18) lookup(); });
  $("#credit_code").addEventListener("change", () => { if ($("#credit_code").value.trim().toUpperCase() !== lookedUp) lookup(); });

  /* ---- energy inputs per kind ---- */
  const box = $("#inputs-form");
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, attrs || {});
    children.forEach((c) => node.append(c));
    return node;
  }
  // ``path``: the field's path in the savings document, as the preview's problems name it
  function numberField(label, obj, key, extra, path = key) {
    const input = el("input", Object.assign({ type: "number", step: "any", value: numberText(obj[key]) ?? "", name: `in-${key}` }, extra || {}));
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
  // labelled fields side by side, each label above its input (the .grid layout of the motor rows)
  const fields = (...children) => el("div", { className: "grid" }, ...children);
  function ledger(title, key, template) {
    doc[key] = doc[key] || [Object.assign({}, template)];
    const table = el("table", { className: "data compact ledger" });
    // A cell names nothing: each field is named by its ledger and its column ("改造前 数量").
    const header = (column, text) => el("th", { id: `${key}-${column}`, scope: "col" }, text);
    const named = (field, column) => { field.setAttribute("aria-labelledby", `${key}-legend ${key}-${column}`); return field; };
    const render = () => {
      table.replaceChildren(el("tr", { className: "ledger-head" }, header("energy", L_.energy), header("quantity", L_.quantity), header("unit", L_.unit),
                                    el("th", { scope: "col" }, el("span", { className: "visually-hidden", textContent: L_.remove }))));
      doc[key].forEach((line, i) => {
        const energy = named(el("select", { name: `${key}-${i}-energy` }), "energy");
        for (const code of config.energy_order) energy.append(new Option(config.energies[code].label, code, false, line.energy === code));
        const unit = named(el("select", { name: `${key}-${i}-unit` }), "unit");
        const fillUnits = () => {
          unit.replaceChildren(...config.energies[line.energy].units.map((u) => new Option((config.unit_labels || {})[u] || u, u, false, line.unit === u)));
          if (!config.energies[line.energy].units.includes(line.unit)) line.unit = config.energies[line.energy].units[0];
        };
        fillUnits();
        energy.onchange = () => { line.energy = energy.value; fillUnits(); savings.touch(`${key}[${i}].energy`); changed(); };
        unit.onchange = () => { line.unit = unit.value; savings.touch(`${key}[${i}].unit`); changed(); };
        const quantity = named(el("input", { type: "number", step: "any", min: "0", value: numberText(line.quantity) ?? "", name: `${key}-${i}-quantity` }), "quantity");
        quantity.oninput = () => { line.quantity = typedNumber(quantity.value); savings.touch(`${key}[${i}].quantity`); changed(); };
        [[energy, "energy"], [unit, "unit"], [quantity, "quantity"]].forEach(([f, name]) => { f.dataset.path = `${key}[${i}].${name}`; });
        const remove = el("button", { type: "button", textContent: L_.remove, onclick: () => { doc[key].splice(i, 1); savings.touch(key); render(); changed(); } });
        // each cell says its column too: on a phone the lines stack and the header row is not shown
        const cell = (label, field) => { const td = el("td", {}, field); if (label) td.dataset.label = label; return td; };
        table.append(el("tr", {}, cell(L_.energy, energy), cell(L_.quantity, quantity), cell(L_.unit, unit), cell(null, remove)));
      });
    };
    render();
    const add = el("button", { type: "button", textContent: L_.add_line, onclick: () => { doc[key].push(Object.assign({}, template)); render(); changed(); } });
    return el("fieldset", {}, el("legend", { id: `${key}-legend`, textContent: title }), table, add);
  }
  function motors() {
    // One empty group to fill in, typical values as hints: an example saved unseen would be data.
    doc.motors = doc.motors || [{ remanufactured: false }];
    const hint = (value) => ({ placeholder: fmt(L_.example, { value }) });  // as it is typed: 5000, not 5,000
    const wrap = el("fieldset", {}, el("legend", { textContent: L_.motors }));
    const render = () => {
      wrap.querySelectorAll(".motor").forEach((n) => n.remove());
      doc.motors.forEach((m, i) => {
        const reman = el("input", { type: "checkbox", checked: !!m.remanufactured, name: `motor-${i}-remanufactured` });
        reman.dataset.path = `motors[${i}].remanufactured`;
        reman.onchange = () => { m.remanufactured = reman.checked; savings.touch(`motors[${i}].remanufactured`); changed(); };
        const field = (label, key, name, example) => numberField(label, m, key, { name: `motor-${i}-${name}`, ...hint(example) }, `motors[${i}].${key}`);
        const row = el("div", { className: "motor grid" },
          field(L_.count, "count", "count", 1), field(L_.rated_kw, "rated_kw", "rated_kw", 15),
          field(L_.load_factor, "load_factor", "load_factor", 0.75), field(L_.hours, "hours_per_year", "hours", 5000),
          field(L_.eff_before, "efficiency_before", "efficiency_before", 0.887), field(L_.eff_after, "efficiency_after", "efficiency_after", 0.939),
          el("label", { className: "check" }, reman, L_.remanufactured),
          el("button", { type: "button", textContent: L_.remove, onclick: () => { doc.motors.splice(i, 1); savings.touch("motors"); render(); changed(); } }));
        wrap.insertBefore(row, add);
      });
    };
    const add = el("button", { type: "button", textContent: L_.add_motor_group, onclick: () => { doc.motors.push({ remanufactured: false }); render(); changed(); } });
    wrap.append(add);
    render();
    return wrap;
  }
  // A coal or heavy-oil boiler is replaced by gas, an electric boiler or district heat (DOMAIN.md §2).
  const NEW_ENERGIES = ["natural_gas", "electricity", "heat"];
  const line = { energy: "raw_coal", unit: "t" };
  const elec = { energy: "electricity", unit: "10^4 kWh" };
  function buildInputs() {
    const k = kind();
    document.getElementById("no-kind").hidden = Boolean(k);
    if (!k) return;
    if (doc.kind !== k) doc = { kind: k };
    doc.kind = k;
    doc.year = year();
    box.replaceChildren();
    if (k === "structural_adjustment") {
      doc.baseline_year = doc.baseline_year || (year() ? year() - 1 : undefined);
      box.append(fields(numberField(L_.baseline_year, doc, "baseline_year")), ledger(L_.prior_year, "energy_use", line));
    } else if (k === "motor_upgrade") {
      box.append(motors());
    } else if (k === "boiler_replacement") {
      const mode = doc.efficiency_before !== undefined ? "efficiency" : "measured";
      const choose = { mode };
      box.append(fields(selectField(L_.method, choose, "mode", [["measured", L_.measured], ["efficiency", L_.efficiency]])));
      const part = el("div");
      const fill = () => {
        part.replaceChildren(ledger(L_.before, "energy_before", line));
        if (choose.mode === "measured") {
          delete doc.efficiency_before; delete doc.efficiency_after; delete doc.new_energy;
          part.append(ledger(L_.after, "energy_after", { energy: "natural_gas", unit: "10^4 m3" }));
        } else {
          delete doc.energy_after;
          // what replaces the coal: an electric boiler counts differently on the 等价值 basis
          const replacing = [...new Set([...NEW_ENERGIES, doc.new_energy].filter(Boolean))];
          part.append(fields(numberField(L_.eff_before, doc, "efficiency_before"), numberField(L_.eff_after, doc, "efficiency_after"),
            selectField(L_.new_energy, doc, "new_energy", replacing.map((code) => [code, config.energies[code].label]))));
        }
      };
      box.querySelector("select").addEventListener("change", () => { fill(); changed(); });
      fill();
      box.append(part);
    } else if (k === "technical_retrofit" || k === "contract_energy_management") {
      doc.method = doc.method || "measured";
      const choices = fields(selectField(L_.method, doc, "method", [["measured", L_.measured], ["intensity", L_.intensity]]));
      if (k === "contract_energy_management") choices.prepend(selectField(L_.emc_model, doc, "emc_model", config.emc_models, true));
      box.append(choices);
      const part = el("div");
      const fill = () => {
        if (doc.method === "intensity") {
          delete doc.energy_before; delete doc.energy_after;
          part.replaceChildren(fields(numberField(L_.int_before, doc, "intensity_before"), numberField(L_.int_after, doc, "intensity_after"),
            selectField(L_.int_unit, doc, "intensity_unit", [["tce/t", L_.iu_tce_t], ["kgce/t", L_.iu_kgce_t], ["tce/万元", L_.iu_tce_wy], ["kgce/万元", L_.iu_kgce_wy]]),
            numberField(L_.output, doc, "output_reporting")));
        } else {
          ["intensity_before", "intensity_after", "intensity_unit", "output_reporting"].forEach((f) => delete doc[f]);
          part.replaceChildren(ledger(L_.before, "energy_before", elec), ledger(L_.after, "energy_after", elec));
        }
      };
      box.querySelectorAll("select")[k === "contract_energy_management" ? 1 : 0].addEventListener("change", () => { fill(); changed(); });
      fill();
      box.append(part);
    } else {
      box.append(el("p", { className: "hint", textContent: L_.no_ledger }));
    }
    changed();
  }
  $("#apply-json").onclick = () => {
    try { doc = parseExact($("#inputs-json").value); buildInputs(); } catch (e) { $("#preview-body").textContent = e.message; }
  };

  /* ---- live preview (POST /api/v1/savings/preview) ---- */
  let timer = null;
  function clean(value) {
    return parseExact(JSON.stringify(value, (k, v) => (v === undefined || Number.isNaN(v) ? undefined : v)));
  }
  function changed() {
    doc.year = year();
    $("#inputs").value = JSON.stringify(clean(doc));
    $("#inputs-json").value = JSON.stringify(clean(doc), null, 2);
    clearTimeout(timer);
    timer = setTimeout(preview, 300);
  }
  function preview() { savings.run(clean(doc)); }

  /* ---- review and save ---- */
  let parcels = null;  // assigned below; the map calls back while it is being built
  parcels = window.ParcelMap(config, () => {
    const v = parcels ? parcels.values() : null;
    if (!v) return;
    $("#parcel_ids").value = v.parcel_ids;
    $("#new_parcels").value = JSON.stringify(v.new_parcels);
  });
  function summarise() {
    // the project and year the buttons below save or submit, as step 1 now has them
    $("#review-title").textContent = $("input[name=title]").value.trim() || "—";
    $("#review-year").textContent = year() || "—";
    const chosen = form.querySelector("input[name=kind]:checked");
    const v = parcels.values();
    const items = [[L_.kind, chosen ? chosen.parentElement.textContent.trim() : "—"],
                   [L_.enterprise, `${$("#enterprise_name").value} ${$("#credit_code").value}`.trim() || "—"],
                   [L_.parcels_count, String(v.count)]];
    $("#summary").replaceChildren(...items.flatMap(([k, val]) => [el("dt", { textContent: k }), el("dd", { textContent: val })]));
    // the energy step never opened for this kind: its document is built (and previewed) as it would be
    if (kind() && doc.kind !== kind()) buildInputs(); else preview();
  }
  /* Saved once: a second click while the post is under way (a double click) would post the form
     again. The server answers a repeated post with the first one's project (its one-time form
     token), but only one post need be made. The buttons are disabled once the browser has put the
     clicked one's name and value into the post (a disabled button sends none), and come back when
     the page is shown again from the back-forward cache. */
  const saveButtons = () => form.querySelectorAll("button[type=submit]");
  let sent = false;
  form.addEventListener("submit", (event) => {
    if (sent) { event.preventDefault(); return; }
    sent = true;
    savings.attempt();
    setTimeout(() => saveButtons().forEach((b) => { b.disabled = true; }), 0);
    // The energy step never opened for this kind: the document names the kind and the server says
    // what it lacks (an audit needs nothing) — never the step's example values, which nobody saw.
    if (doc.kind !== kind()) doc = { kind: kind() };
    doc.year = year();  // the year may have changed on the first step since the energy step
    const v = parcels.values();
    $("#parcel_ids").value = v.parcel_ids;
    $("#new_parcels").value = JSON.stringify(v.new_parcels);
    $("#inputs").value = JSON.stringify(clean(doc));
  });
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    sent = false;
    saveButtons().forEach((b) => { b.disabled = false; });
  });
  $("#inputs-json").value = JSON.stringify(doc, null, 2);
  show(step);
})();
