/* Registration wizard: its steps, the kind, the live savings preview, the review and the save. Its
   parts are scripts of their own, loaded before it: the enterprise look-up (wizard-enterprise.js),
   the energy inputs of each kind that build the savings input document (wizard-energy.js,
   docs/accounting.md), the preview (wizard-preview.js), the parcels' map (wizard-map.js) with its
   uploads and typed corners (wizard-parcel-entry.js) and the values it reads (wizard-values.js). */
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("wizard-config").textContent);
  const L_ = config.labels;
  const form = document.getElementById("wizard");
  const csrf = form.querySelector("input[name=csrf_token]").value;
  const $ = (sel) => form.querySelector(sel);
  let step = config.start_step || 1;

  const { parseExact, typedNumber, jsonProblem } = window.wizardValues;
  const savings = window.wizardPreview(config, csrf);

  // the savings input document, shared with the energy step, which may start it anew; the server's
  // (a saved project's, a refused post's as posted) is taken below once the step has checked it
  const state = { doc: {} };
  const served = $("#inputs").value;

  /* ---- steps ---- */
  function show(n) {
    step = Math.min(5, Math.max(1, n));
    form.querySelectorAll(".step").forEach((s) => { s.hidden = Number(s.dataset.step) !== step; });
    document.querySelectorAll("#steps-nav button").forEach((b) => {
      if (Number(b.dataset.step) === step) b.setAttribute("aria-current", "step"); else b.removeAttribute("aria-current");
    });
    $("#prev").hidden = step === 1;
    $("#next").hidden = step === 5;
    if (step === 3) {
      fitMap();
      setTimeout(() => { parcels.map.invalidateSize(); if (!parcels.zoomed) { parcels.zoomToStart(); parcels.zoomed = true; } }, 0);
    }
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
  /* The room the first screen leaves under the parcels' map's top (wizard.css --map-room, read on a
     desktop only): what stands above it — the top bar, the steps, the step's hints — takes more lines
     in English than in Chinese, so it is measured, again whenever the page's or the window's size
     changes (the top bar folds once drawn, a hint changes with the zoom). The map's own height leaves
     its top where it is, so a change it makes measures the same. */
  const mapBox = $("#wizard-map");
  function fitMap() {
    if (step !== 3) return;
    const room = `${Math.floor(window.innerHeight - mapBox.getBoundingClientRect().top - window.scrollY)}px`;
    if (mapBox.style.getPropertyValue("--map-room") === room) return;
    mapBox.style.setProperty("--map-room", room);
    if (parcels) parcels.map.invalidateSize();
  }
  new ResizeObserver(fitMap).observe(document.body);
  window.addEventListener("resize", fitMap);
  $("#prev").onclick = () => { show(step - 1); focusStep(); };
  $("#next").onclick = () => { if (step === 4) savings.attempt(); show(step + 1); focusStep(); };
  document.querySelectorAll("#steps-nav button").forEach((b) => { b.onclick = () => show(Number(b.dataset.step)); });
  document.getElementById("choose-kind").onclick = () => { show(1); focusStep(); };
  const kind = () => (form.querySelector("input[name=kind]:checked") || {}).value;
  // none: the document's year is missing; not a number: as typed, for the server to say so
  const year = () => typedNumber($("input[name=year]").value);
  form.querySelectorAll("input[name=kind]").forEach((r) => r.addEventListener("change", () => {
    if (state.doc.kind !== kind()) state.doc = {};
    form.querySelector(".sa-only").hidden = kind() !== "structural_adjustment";
  }));
  form.querySelector(".sa-only").hidden = kind() !== "structural_adjustment";

  /* ---- the enterprise (wizard-enterprise.js) and the energy inputs of each kind (wizard-energy.js) ---- */
  window.wizardEnterprise(config, form);
  const energy = window.wizardEnergy(config, form, { state, savings, changed, kind, year });
  let building = false;  // the step's fields being built: changed() is then no change of the user's
  function buildInputs() {
    building = true;
    try { energy.build(); } finally { building = false; }
  }

  // A document that cannot be used is refused beside its box, in the page's language (the browser's
  // own JSON.parse message was English on a Chinese page), and the step keeps the one it had.
  const jsonBox = $("#inputs-json");
  function refuseJson(message) {
    $("#inputs-json-error").replaceChildren(...(message ? savings.linked(message) : []));
    $("#inputs-json-error").hidden = !message;
    if (message) jsonBox.setAttribute("aria-invalid", "true"); else jsonBox.removeAttribute("aria-invalid");
  }
  $("#apply-json").onclick = () => {
    let doc;
    try { doc = parseExact(jsonBox.value); } catch (e) { refuseJson(window.wizardValues.jsonProblem(jsonBox.value, e, L_)); return; }
    const refused = energy.refused(doc);
    refuseJson(refused);
    if (refused) return;
    // a whole document applied: its problems are all the user's, said at once (wizard-preview.js)
    held = null; state.doc = doc; savings.attempt(); buildInputs();
  };
  /* The server's document is checked as Apply checks one: a refused save's, or a crafted post's, that
     names an energy or unit the step does not know, has a ledger that is no list or is no JSON broke
     the step's script on load. Refused, it is held in the box (opened) with its refusal, to be
     corrected and applied, and the step starts anew; the box shows the step's document again once
     the user changes the step (changed) or applies one. */
  let held = null;
  if (served.trim()) {
    let doc = null, message = null;
    try { doc = parseExact(served); message = energy.refused(doc); } catch (e) { message = jsonProblem(served, e, L_); }
    if (message) held = { text: doc === null ? served : JSON.stringify(doc, null, 2), message };
    else state.doc = doc;
  }

  /* ---- live preview (POST /api/v1/savings/preview) ---- */
  let timer = null;
  function clean(value) {
    return parseExact(JSON.stringify(value, (k, v) => (v === undefined || Number.isNaN(v) ? undefined : v)));
  }
  function changed() {
    state.doc.year = year();
    $("#inputs").value = JSON.stringify(clean(state.doc));
    if (!(held && building)) {  // the step built anew keeps a refused server's document in the box
      held = null;
      jsonBox.value = JSON.stringify(clean(state.doc), null, 2);
      refuseJson(null);  // the box shows the step's document again: a refusal of other text is past
    }
    clearTimeout(timer);
    const waiting = energy.waitingFor(state.doc);
    if (waiting && !savings.attempted()) { savings.hold(waiting); return; }  // nothing to compute from yet
    savings.due();
    timer = setTimeout(preview, 300);
  }
  function preview() { savings.run(clean(state.doc)); }

  /* ---- review and save ---- */
  let parcels = null;  // assigned below; the map calls back while it is being built
  parcels = window.ParcelMap(config, () => {
    const v = parcels ? parcels.values() : null;
    if (!v) return;
    $("#parcel_ids").value = v.parcel_ids;
    $("#new_parcels").value = JSON.stringify(v.new_parcels);
  });
  window.wizardParcelEntry(config, parcels);
  // The parcels to be saved, each by its code (a new one by its number) with its area: the count
  // alone did not let the clerk check that the right parcels were chosen.
  function chosenParcels(listed) {
    if (!listed.length) return "—";
    const list = Object.assign(document.createElement("ul"), { className: "review-parcels" });
    for (const p of listed) {
      const area = p.area_m2 === undefined ? null : `${parcels.figure(p.area_m2, "m²")} m²`;
      list.append(Object.assign(document.createElement("li"), { textContent: area ? `${p.name} · ${area}` : p.name }));
    }
    return list;
  }
  function summarise() {
    // the project and year the buttons below save or submit, as step 1 now has them
    $("#review-title").textContent = $("input[name=title]").value.trim() || "—";
    $("#review-year").textContent = $("input[name=year]").value.trim() || "—";
    const chosen = form.querySelector("input[name=kind]:checked");
    const item = (tag, textContent) => Object.assign(document.createElement(tag), { textContent });
    const items = [[L_.kind, chosen ? chosen.parentElement.textContent.trim() : "—"]];
    if (kind() === "structural_adjustment") {  // shutdown, relocation or conversion: checked before it is sent
      const mode = $("select[name=structural_mode]");
      items.push([L_.exit_mode, mode.value ? mode.selectedOptions[0].textContent.trim() : "—"]);
    }
    items.push([L_.enterprise, `${$("#enterprise_name").value} ${$("#credit_code").value}`.trim() || "—"],
               [L_.parcels_count, chosenParcels(parcels.values().listed)]);
    const value = (val) => { const dd = document.createElement("dd"); dd.append(val); return dd; };  // text or a list
    $("#summary").replaceChildren(...items.flatMap(([k, val]) => [item("dt", k), value(val)]));
    // the energy step never opened for this kind: its document is built (and previewed) as it would be
    if (kind() && state.doc.kind !== kind()) buildInputs(); else preview();
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
    if (state.doc.kind !== kind()) state.doc = { kind: kind() };
    state.doc.year = year();  // the year may have changed on the first step since the energy step
    const v = parcels.values();
    $("#parcel_ids").value = v.parcel_ids;
    $("#new_parcels").value = JSON.stringify(v.new_parcels);
    $("#inputs").value = JSON.stringify(clean(state.doc));
  });
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    sent = false;
    saveButtons().forEach((b) => { b.disabled = false; });
  });
  if (held) {
    jsonBox.value = held.text;
    refuseJson(held.message);
    $("details.advanced").open = true;
  } else jsonBox.value = JSON.stringify(state.doc, null, 2);
  show(step);
})();
