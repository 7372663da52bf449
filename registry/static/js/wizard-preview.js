/* The registration wizard's savings preview (POST /api/v1/savings/preview), shown on the energy
   step as the data is typed and on the review step before saving (docs/registration.md).

   A problem of a field is shown once the user has touched that field, or has tried to go on from
   the energy step (下一步, the review step, a save): an empty form is not a list of
   "为必填项" before anything was typed. A form re-shown after a refused save, or an existing
   project's, shows every problem at once.

   Nor is a question asked before every field of the energy step is filled in (an empty step, a line
   without its quantity; wizard-energy.js waitingFor): the answer could only be 422 for fields not
   filled in yet. The step's own hint says what it needs instead (``hold``), until the user goes on. */
"use strict";

window.wizardPreview = function (config, csrf) {
  const L_ = config.labels;
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  const el = (tag, attrs, ...children) => { const node = Object.assign(document.createElement(tag), attrs || {}); node.append(...children); return node; };
  const targets = ["preview-body", "review-preview"].map((id) => document.getElementById(id));
  const touched = new Set();  // paths of the savings document the user has typed in or chosen
  let attempted = Boolean(config.attempted);
  let latest = null;  // the last answer: { ok, body }
  let asked = 0;  // answers to earlier questions that come late are dropped

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
  // A touched ledger or motor group covers its fields, a touched field the ledger's own problems.
  const within = (inner, outer) => inner === outer || inner.startsWith(`${outer}[`) || inner.startsWith(`${outer}.`);
  const reached = (field) => attempted || !field || [...touched].some((t) => within(field, t) || within(t, field));

  // d places, as the project's page shows the figure once saved (463.50, not 463.5): config.places, the pages' own
  const places = config.places;
  const num = (v, d) => (v === null || v === undefined ? "—"
    : Number(v).toLocaleString(document.documentElement.lang, { minimumFractionDigits: d, maximumFractionDigits: d }));
  function figures(body) {
    const rows = [];
    if (body.method in config.savings_methods) rows.push([L_.savings_method, config.savings_methods[body.method]]);
    rows.push([L_.savings_eq, `${num(body.savings_tce, places.tce)} ${L_.tce}`],
              [L_.savings_ev, body.savings_tce_equal_value === null ? L_.no_ev : `${num(body.savings_tce_equal_value, places.tce)} ${L_.tce}`]);
    if (body.savings_kwh !== null) rows.push([L_.kwh, `${num(body.savings_kwh, places.kWh)} ${L_.kwh_unit}`]);
    if (body.installed_kw !== null) rows.push([L_.kw, fmt(L_.noted, { text: `${num(body.installed_kw, places.kW)} ${L_.kw_unit}`, note: `${L_.reman} ${num(body.remanufactured_kw, places.kW)} ${L_.kw_unit}` })]);
    const list = el("dl", { className: "facts" }, ...rows.flatMap(([k, v]) => [el("dt", { textContent: k }), el("dd", { textContent: v, className: "preview-value" })]));
    // a negative figure is most often a unit mixed up (吨 for 万立方米): asked beside it, not refused,
    // since a measured project may truly use more
    if (Number(body.savings_tce) < 0) return [list, el("p", { className: "preview-warning", role: "note", textContent: L_.negative_savings })];
    return [list];
  }
  // Problems in the order of the fields on the page (the server's come sorted by path), the
  // document's own (its year, its kind) first.
  function place(field) {
    const paths = [...document.querySelectorAll("#inputs-form [data-path]")].map((f) => f.dataset.path);
    const at = paths.findIndex((p) => within(p, field));
    return at < 0 ? -1 : at;
  }
  // A refusal that names the reference page (an unknown energy: 全部能源品种 … 见“折标系数与等价值”页面)
  // with the page's name as a link to it, in a new tab: the wizard keeps what was typed.
  function linked(text) {
    const page = config.reference;
    const at = text.indexOf(page.name);
    if (at < 0) return [text];
    const link = el("a", { href: page.url, target: "_blank", rel: "noopener", title: L_.new_tab, textContent: page.name });
    return [text.slice(0, at), link, text.slice(at + page.name.length)];
  }
  function problems(body) {
    const shown = Object.entries(body.errors || { "": body.detail }).filter(([f]) => reached(f))
      .sort(([a], [b]) => place(a) - place(b));
    if (!shown.length) return null;
    return [el("p", { textContent: L_.preview_error }),
      el("ul", {}, ...shown.map(([f, m]) => el("li", {}, ...linked(f ? fmt(config.field_names.problem, { field: fieldName(f), problem: m }) : String(m ?? "")))))];
  }
  function render() {
    if (!latest) return;
    for (const target of targets) {  // each its own nodes: a node appended to the second leaves the first
      if (!target) continue;
      const refused = latest.ok ? null : problems(latest.body);
      target.className = refused ? "field-error" : (latest.ok ? "" : "muted");
      if (latest.ok) target.replaceChildren(...figures(latest.body));
      else target.replaceChildren(...(refused || [L_.preview_waiting]));
    }
  }
  // busy from the moment a question is due (typed, asked once the typing pauses) until the answer to
  // the newest one is shown: a screen reader waits for it (and a test can too)
  const busy = (value) => targets.forEach((t) => t && t.setAttribute("aria-busy", String(value)));
  async function run(doc) {
    const question = ++asked;
    busy(true);
    try {
      const response = await fetch(config.urls.preview, { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf }, body: JSON.stringify(doc) });
      const body = await response.json();
      if (question !== asked) return;
      latest = { ok: response.ok, body };
      render();
    } finally {
      if (question === asked) busy(false);  // an unanswered question leaves the last answer shown
    }
  }
  return {
    run,
    fieldName,
    linked,
    due() { busy(true); },
    attempted: () => attempted,
    // no question now: the step's hint instead, and an answer still to come for an earlier one is dropped
    hold(hint) {
      asked += 1;
      latest = null;
      busy(false);
      for (const target of targets) if (target) { target.className = "muted"; target.textContent = hint; }
    },
    touch(path) { touched.add(path); },
    attempt() { if (!attempted) { attempted = true; render(); } },
  };
};
