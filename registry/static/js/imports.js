// Bulk import page: upload with a progress bar (bytes sent), then poll the server's progress
// (rows read, checking, writing) until the result arrives. Without JS the form posts normally.

// District boundaries replace those of the districts of the same codes (and, when asked, every
// parcel's district): while they are chosen and the upload is no dry run, the form asks first
// (confirm.js reads data-confirm, before the upload below is sent).
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !form.dataset.districtsQuestion) { return; }
  var reassign = form.elements.reassign_parcels;
  function update() {
    if (form.elements.target.value === "districts" && !form.elements.dry_run.checked) {
      form.dataset.confirm = form.dataset.districtsQuestion +
        (reassign && reassign.checked ? form.dataset.reassignQuestion : "");
    } else {
      delete form.dataset.confirm;
    }
  }
  form.addEventListener("change", update);
  update();
})();

(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var box = document.getElementById("import-progress");
  var bar = box.querySelector("progress");
  var stageText = box.querySelector(".stage");
  var countText = box.querySelector(".count");
  var result = document.getElementById("import-result");
  var stages = JSON.parse(document.getElementById("import-stages").textContent);

  // A project workbook has no coordinate system, encoding, layer, mapping or shapes to repair:
  // those fields are hidden while it is chosen (they are ignored for it).
  var target = form.elements.target;
  function showGisFields() {
    form.querySelectorAll(".gis-only").forEach(function (part) { part.hidden = target.value === "projects"; });
  }
  target.addEventListener("change", showGisFields);
  showGisFields();

  function token() {
    return "u" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // counts in the page's language, as the page's own numbers (1,234 in both): the browser's locale
  // had them 1.234 or 1 234 beside a page that wrote 1,234
  function count(n) { return n.toLocaleString(document.documentElement.lang); }

  function show(stage, done, total) {
    stageText.textContent = stages[stage] || stage;
    if (total) {
      bar.max = total;
      bar.value = Math.min(done || 0, total);
      countText.textContent = count(done || 0) + " / " + count(total);
    } else {
      bar.removeAttribute("value");
      countText.textContent = done ? count(done) : "";
    }
    box.dataset.stage = stage;
    bar.hidden = stage === "failed";  // a full bar under "failed" read as done: the refusal below says it all
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var id = token();
    form.elements.token.value = id;
    var data = new FormData(form);
    var xhr = new XMLHttpRequest();
    var polling = null;
    var answered = false;  // a progress answer still on its way when the result came must not undo "done"
    xhr.open("POST", form.action + "?token=" + encodeURIComponent(id));
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.onprogress = function (e) { show("upload", e.loaded, e.lengthComputable ? e.total : 0); };
    xhr.upload.onload = function () {
      polling = window.setInterval(function () {
        fetch(form.action.replace(/upload$/, "progress/") + encodeURIComponent(id), {credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (p) { if (!answered && p.stage && p.stage !== "unknown") { show(p.stage, p.done, p.total); } })
          .catch(function () {});
      }, 300);
    };
    xhr.onloadend = function () {
      answered = true;
      if (polling) { window.clearInterval(polling); }
      // Errors come back as whole pages (422, 413…): show their main part only.
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = doc.querySelector("main");
      result.innerHTML = main ? main.innerHTML : xhr.responseText;
      // a refused upload (422, 413…) did not finish: "Done" above its error read as if it had; a
      // finished one counts the rows it read (it said "Done 1 / 1", whatever the file held)
      var answer = result.querySelector("[data-rows]");
      var rows = answer ? Number(answer.getAttribute("data-rows")) : 0;
      var ok = xhr.status >= 200 && xhr.status < 300;
      show(ok ? "done" : "failed", rows || 1, rows || 1);
      if (!rows) { countText.textContent = ""; }
      form.querySelector("button[type=submit]").disabled = false;
    };
    form.querySelector("button[type=submit]").disabled = true;
    result.innerHTML = "";
    box.hidden = false;
    show("upload", 0, 0);
    xhr.send(data);
  });
})();
