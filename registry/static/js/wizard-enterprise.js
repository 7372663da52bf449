/* The registration wizard's enterprise step: the unified social credit code checked in the browser
   by GB 32100 for instant feedback (the server checks it again), then looked up among the
   registry's enterprises, whose name fills the name field. */
"use strict";

window.wizardEnterprise = function (config, form) {
  const L_ = config.labels;
  const $ = (sel) => form.querySelector(sel);
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  const { creditCheck, creditNormal } = window.wizardValues;

  function creditProblem(code) {
    const problem = creditCheck(code);
    return problem && fmt(L_[problem.message], problem.params);
  }
  // A registered enterprise is taken as registered (services/enterprises.find_or_create): its name
  // and industry code are shown read only, corrected on its own page; typed here they were ignored.
  const named = [$("#enterprise_name"), $("input[name=industry_code]")];
  let shown = false;  // the fields hold a registered enterprise's, not what the user typed
  function registered(body) {
    named[0].value = body.name;
    named[1].value = body.industry_code || "";
    named.forEach((field) => { field.readOnly = true; });
    document.getElementById("enterprise-registered").hidden = false;
    shown = true;
  }
  function unregistered() {
    if (shown) named.forEach((field) => { field.value = ""; });
    named.forEach((field) => { field.readOnly = false; });
    document.getElementById("enterprise-registered").hidden = true;
    shown = false;
  }
  let lookedUp = null;  // the code last checked, so leaving the field does not check it again
  let asked = 0;  // the newest check: the answer to an older look-up (another code) is dropped
  async function lookup() {
    const question = ++asked;
    const code = creditNormal($("#credit_code").value);  // shown as the server will store it
    if (code !== $("#credit_code").value) $("#credit_code").value = code;
    lookedUp = code;
    const feedback = document.getElementById("credit-feedback");
    const problem = creditProblem(code);
    feedback.textContent = problem || L_.code_ok;
    feedback.className = problem ? "field-error" : "hint ok";
    unregistered();
    // A point is in no code: one Excel turned into a number (9.13101E+17, 913101151234567000.0) is
    // said so in the server's words (domain/credit_code.number_cell_problem), not as its length here.
    if (problem && !code.includes(".")) return;
    const response = await fetch(`${config.urls.enterprise}?code=${encodeURIComponent(code)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await response.json();
    if (question !== asked) return;
    if (problem) {
      if (body.errors && body.errors.credit_code) feedback.textContent = body.errors.credit_code;
      return;
    }
    if (body.found) {
      feedback.textContent = fmt(L_.found, { name: body.name });
      registered(body);
    } else {
      feedback.textContent = `${L_.code_ok} ${L_.not_found}`;
    }
  }
  $("#lookup").onclick = lookup;
  // Checked as typed, once the code is complete: its message is shown before the user leaves the
  // field. Shown on leaving it (a press of 下一步), the message moved the button from under the pointer.
  // (its length once normalised: 9131-0115-MA1H-7XYB-0X has 22 characters as typed)
  const complete = () => creditNormal($("#credit_code").value).length === 18;
  $("#credit_code").addEventListener("input", () => { if (complete()) lookup(); });
  $("#credit_code").addEventListener("change", () => { if (creditNormal($("#credit_code").value) !== lookedUp) lookup(); });
  // an edited project's, a similar one's or a re-shown form's enterprise is shown as registered too
  if (complete()) lookup();
};
