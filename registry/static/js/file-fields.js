// File fields in the page's language (templates/_macros.html, file_field): Chromium writes
// "Choose File / No file chosen" in the browser's language, whatever the page's. Once this runs, the
// input is out of sight (still focusable, named by its label) and its label shows the page's button
// and the chosen file's name; without script the browser's own control stays.
(function () {
  "use strict";
  var pickers = document.querySelectorAll(".file-picker");
  Array.prototype.forEach.call(pickers, function (picker) { picker.classList.add("ready"); });
  // Captured at the document, before the input's own handlers: the wizard empties its input once it
  // has read the file (to take the same file again), and the name would be gone by then.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.closest(".file-picker.ready")) {
      return;
    }
    var chosen = document.getElementById(input.getAttribute("aria-describedby"));
    var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
    chosen.textContent = names.length ? names.join(", ") : chosen.dataset.none;
  }, true);
})();
