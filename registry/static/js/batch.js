// The project list's batch of workflow steps (templates/projects/_batch_form.html): "tick all on this
// page", how many projects are ticked (read out as it changes), and each step's button enabled when
// every ticked project can take that step (a row's data-steps), with the count on it and in its
// question (static/js/confirm.js asks it); a step greyed out says why under the buttons. Without script the buttons post what is ticked, and the
// server refuses a batch any project of which cannot take the step, naming it.
(function () {
  "use strict";
  var form = document.getElementById("batch");
  var all = document.getElementById("select-all");
  if (!form || !all) { return; }  // no step to take: the form only says why one was refused
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[name=selected][form=batch]"));
  var count = document.getElementById("batch-count");
  var buttons = Array.prototype.slice.call(form.querySelectorAll("button[name=action]"));
  var sent = false;

  var why = document.getElementById("batch-why");
  var CREDITING = ["approve", "verify"];  // the steps that credit a claim (web/step_questions.py)
  function fill(template, n) { return template.replace("%(count)s", String(n)); }
  function stepName(button) { return button.firstChild.textContent.trim(); }

  function update() {
    var ticked = boxes.filter(function (box) { return box.checked; });
    all.checked = ticked.length > 0 && ticked.length === boxes.length;
    all.indeterminate = ticked.length > 0 && ticked.length < boxes.length;
    count.textContent = fill(form.dataset.count, ticked.length);
    var reasons = ticked.length ? [] : [form.dataset.none];
    buttons.forEach(function (button) {
      var unfit = ticked.filter(function (box) { return box.dataset.steps.split(" ").indexOf(button.value) < 0; });
      button.disabled = sent || ticked.length === 0 || unfit.length > 0;
      // a greyed-out step says why under the buttons (and to a screen reader, as the button's description)
      if (unfit.length) { reasons.push(fill(form.dataset.unfit, unfit.length).replace("%(step)s", stepName(button))); }
      if (button.disabled && !sent) { button.setAttribute("aria-describedby", "batch-why"); }
      else { button.removeAttribute("aria-describedby"); }
      button.querySelector(".batch-tally").textContent = ticked.length ? fill(form.dataset.tally, ticked.length) : "";
      button.dataset.confirm = fill(button.dataset.confirmTemplate, ticked.length);
      // approving or verifying claims the online monitoring flags: how many, after the question
      var flagged = ticked.filter(function (box) { return "flagged" in box.dataset; }).length;
      if (flagged && CREDITING.indexOf(button.value) >= 0) { button.dataset.confirm += fill(form.dataset.flagged, flagged); }
    });
    why.textContent = sent ? "" : reasons.join(" ");
  }

  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
    update();
  });
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  // Sent once: a second click would post the versions the first one has just moved on, and its
  // answer (every project "changed since you opened it") would hide the first one's.
  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }  // "Cancel" in confirm.js's question
    if (sent) { event.preventDefault(); return; }
    sent = true;
    setTimeout(update, 0);  // after the submitter's value is taken
  });
  window.addEventListener("pageshow", function () { sent = false; update(); });  // back from the next page
  all.closest("label").hidden = false;
  update();
})();
