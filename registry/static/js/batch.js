// The project list's batch of workflow steps (templates/projects/_batch_form.html): "tick all on this
// page", how many projects are ticked (read out as it changes), and each step's button enabled when
// every ticked project can take that step (a row's data-steps), with the count on it and in its
// question (static/js/confirm.js asks it). Without script the buttons post what is ticked, and the
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

  function fill(template, n) { return template.replace("%(count)s", String(n)); }

  function update() {
    var ticked = boxes.filter(function (box) { return box.checked; });
    all.checked = ticked.length > 0 && ticked.length === boxes.length;
    all.indeterminate = ticked.length > 0 && ticked.length < boxes.length;
    count.textContent = fill(form.dataset.count, ticked.length);
    buttons.forEach(function (button) {
      var fits = ticked.every(function (box) { return box.dataset.steps.split(" ").indexOf(button.value) >= 0; });
      button.disabled = sent || ticked.length === 0 || !fits;
      button.querySelector(".batch-tally").textContent = ticked.length ? fill(form.dataset.tally, ticked.length) : "";
      button.dataset.confirm = fill(button.dataset.confirmTemplate, ticked.length);
    });
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
