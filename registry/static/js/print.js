// The pages that are taken to meetings or filed (the annual rollup, a project, the freed land, a
// parcel) carry a "打印 / Print" button (_macros.html print_button): it opens the browser's print
// dialog, and static/css/print.css lays the page out for paper. The button is hidden in the HTML
// and shown here, so a page without script offers no button that does nothing (the browser's own
// menu still prints). No inline handler: the page's Content-Security-Policy would refuse it.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
