// The pages that are taken to meetings or filed (the annual rollup, a project, an enterprise, the
// freed land, a parcel, the data-quality checks) carry a "打印 / Print" button (_macros.html
// print_button): it opens the browser's print dialog, and static/css/print.css lays the page out for
// paper. The button is hidden in the HTML and shown here, so a page without script offers no button
// that does nothing (the browser's own menu still prints). No inline handler: the page's
// Content-Security-Policy would refuse it.
// Paper cannot be clicked: a folded section (<details>: the savings input document, the fields a
// history entry changed) is opened for printing and folded again afterwards.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("main details:not([open])"),
      function (details) { details.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
