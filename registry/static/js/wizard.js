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
    if (step === 5) summarise();
  }
  // Back and Next move the focus to the heading of the step they open: its fields are above them,
  // and on the first (last) step the button just pressed is hidden, which would drop the focus.
  function focusStep() {
    const heading = form.querySelector(`.step[data-step="${step}"] h2`);
    heading.tabIndex = -1;
    heading.focus();
  }
  $("#prev").onclick = () => { show(step - 1); focusStep(); };
  $("#next").onclick = () => { show(step + 1); focusStep(); };
  document.querySelectorAll("#steps-nav button").forEach((b) => { b.onclick = () => show(Number(b.dataset.step)); });
  const kind = () => (form.querySelector("input[name=kind]:checked") || {}).value;
  const year = () => Number($("input[name=year]").value) || null;
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
  function numberField(label, obj, key, extra) {
    const input = el("input", Object.assign({ type: "number", step: "any", value: numberText(obj[key]) ?? "", name: `in-${key}` }, extra || {}));
    input.oninput = () => { obj[key] = typedNumber(input.value); changed(); };
    return el("label", {}, label, input);
  }
  function selectField(label, obj, key, options) {
    const select = el("select", { name: `in-${key}` });
    for (const [value, text] of options) select.append(new Option(text, value, false, obj[key] === value));
    if (obj[key] === undefined && options.length) obj[key] = options[0][0];
    select.onchange = () => { obj[key] = select.value; changed(); };
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
      table.replaceChildren(el("tr", {}, header("energy", L_.energy), header("quantity", L_.quantity), header("unit", L_.unit),
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
        energy.onchange = () => { line.energy = energy.value; fillUnits(); changed(); };
        unit.onchange = () => { line.unit = unit.value; changed(); };
        const quantity = named(el("input", { type: "number", step: "any", min: "0", value: numberText(line.quantity) ?? "", name: `${key}-${i}-quantity` }), "quantity");
        quantity.oninput = () => { line.quantity = typedNumber(quantity.value); changed(); };
        const remove = el("button", { type: "button", textContent: L_.remove, onclick: () => { doc[key].splice(i, 1); render(); changed(); } });
        table.append(el("tr", {}, el("td", {}, energy), el("td", {}, quantity), el("td", {}, unit), el("td", {}, remove)));
      });
    };
    render();
    const add = el("button", { type: "button", textContent: L_.add_line, onclick: () => { doc[key].push(Object.assign({}, template)); render(); changed(); } });
    return el("fieldset", {}, el("legend", { id: `${key}-legend`, textContent: title }), table, add);
  }
  function motors() {
    doc.motors = doc.motors || [{ count: 1, rated_kw: 15, load_factor: 0.75, hours_per_year: 5000, efficiency_before: 0.887, efficiency_after: 0.939, remanufactured: false }];
    const wrap = el("fieldset", {}, el("legend", { textContent: L_.motors }));
    const render = () => {
      wrap.querySelectorAll(".motor").forEach((n) => n.remove());
      doc.motors.forEach((m, i) => {
        const reman = el("input", { type: "checkbox", checked: !!m.remanufactured, name: `motor-${i}-remanufactured` });
        reman.onchange = () => { m.remanufactured = reman.checked; changed(); };
        const row = el("div", { className: "motor grid" },
          numberField(L_.count, m, "count", { name: `motor-${i}-count` }), numberField(L_.rated_kw, m, "rated_kw", { name: `motor-${i}-rated_kw` }),
          numberField(L_.load_factor, m, "load_factor", { name: `motor-${i}-load_factor` }), numberField(L_.hours, m, "hours_per_year", { name: `motor-${i}-hours` }),
          numberField(L_.eff_before, m, "efficiency_before", { name: `motor-${i}-efficiency_before` }),
          numberField(L_.eff_after, m, "efficiency_after", { name: `motor-${i}-efficiency_after` }),
          el("label", { className: "check" }, reman, L_.remanufactured),
          el("button", { type: "button", textContent: L_.remove, onclick: () => { doc.motors.splice(i, 1); render(); changed(); } }));
        wrap.insertBefore(row, add);
      });
    };
    const add = el("button", { type: "button", textContent: L_.add_line, onclick: () => { doc.motors.push(Object.assign({}, doc.motors[0] || {})); render(); changed(); } });
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
      if (k === "contract_energy_management") choices.prepend(selectField(L_.emc_model, doc, "emc_model", [["shared_savings", L_.shared_savings], ["guaranteed_savings", L_.guaranteed_savings]]));
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
  // A field of the savings document as the energy step labels it (the server's registry/domain/
  // field_names.py names the same paths on a refused save): motors[0].count → 第 1 组电机 · 台数.
  function fieldName(path) {
    const names = config.field_names;
    const parts = [];
    for (const step of path.split(".")) {
      const m = step.match(/^([a-z_0-9]+)(?:\[(\d+)\])?$/);
      if (!m || !(m[1] in names.parts)) return path;
      const number = m[2] === undefined ? null : Number(m[2]) + 1;
      if (m[1] === "motors" && number) parts.push(fmt(names.motor_group, { number }));
      else { parts.push(names.parts[m[1]]); if (number) parts.push(fmt(names.line, { number })); }
    }
    return parts.join(" · ");
  }
  const num = (v, d) => (v === null || v === undefined ? "—" : Number(v).toLocaleString(document.documentElement.lang, { maximumFractionDigits: d }));
  async function preview() {
    const target = document.getElementById("preview-body");
    const response = await fetch(config.urls.preview, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf }, body: JSON.stringify(clean(doc)) });
    const body = await response.json();
    target.className = response.ok ? "" : "field-error";
    if (!response.ok) {
      target.replaceChildren(el("p", { textContent: L_.preview_error }),
        el("ul", {}, ...Object.entries(body.errors || { "": body.detail }).map(([f, m]) => el("li", {
          textContent: f ? fmt(config.field_names.problem, { field: fieldName(f), problem: m }) : m }))));
      return;
    }
    const rows = [[L_.savings_eq, `${num(body.savings_tce, 2)} ${L_.tce}`],
                  [L_.savings_ev, body.savings_tce_equal_value === null ? L_.no_ev : `${num(body.savings_tce_equal_value, 2)} ${L_.tce}`]];
    if (body.savings_kwh !== null) rows.push([L_.kwh, `${num(body.savings_kwh, 0)} ${L_.kwh_unit}`]);
    if (body.installed_kw !== null) rows.push([L_.kw, fmt(L_.noted, { text: `${num(body.installed_kw, 1)} ${L_.kw_unit}`, note: `${L_.reman} ${num(body.remanufactured_kw, 1)} ${L_.kw_unit}` })]);
    target.replaceChildren(el("dl", { className: "facts" }, ...rows.flatMap(([k, v]) => [el("dt", { textContent: k }), el("dd", { textContent: v, className: "preview-value" })])));
  }

  /* ---- review and save ---- */
  let parcels = null;  // assigned below; the map calls back while it is being built
  parcels = window.ParcelMap(config, () => {
    const v = parcels ? parcels.values() : null;
    if (!v) return;
    $("#parcel_ids").value = v.parcel_ids;
    $("#new_parcels").value = JSON.stringify(v.new_parcels);
  });
  function summarise() {
    const chosen = form.querySelector("input[name=kind]:checked");
    const v = parcels.values();
    const items = [[L_.kind, chosen ? chosen.parentElement.textContent.trim() : "—"],
                   [L_.enterprise, `${$("#enterprise_name").value} ${$("#credit_code").value}`],
                   [L_.parcels_count, String(v.count)]];
    $("#summary").replaceChildren(...items.flatMap(([k, val]) => [el("dt", { textContent: k }), el("dd", { textContent: val })]));
    preview();
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
