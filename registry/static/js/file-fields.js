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
    // the chosen name is the first of what describes the input (a refused post's error may follow)
    var chosen = document.getElementById(input.getAttribute("aria-describedby").split(" ")[0]);
    var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
    chosen.textContent = names.length ? names.join(", ") : chosen.dataset.none;
  }, true);
  // A file larger than its field takes (data-max-bytes, the server's bound) is refused at once in the
  // page's words (data-too-large), before it is sent: the server could say so only once it had it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) {
      return;
    }
    var limit = Number(input.dataset.maxBytes);
    var tooLarge = Array.prototype.some.call(input.files, function (file) { return file.size > limit; });
    input.setCustomValidity(tooLarge ? input.dataset.tooLarge : "");
    if (tooLarge) {
      input.reportValidity();
    }
  });
})();
