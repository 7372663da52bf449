// Ask before an action that cannot be undone from the page (closing a year, removing a target,
// revoking a token). A form — or the button that submits it — carries the question, already in
// the page's language: <form data-confirm="关闭 2014 年度并冻结其报表？…">. The browser's own
// confirm dialog is modal, keyboard-operable and read out by screen readers; "Cancel" leaves the
// record as it was. Without JavaScript the form submits plainly (the server still checks
// everything), so nothing here is needed for the action to work.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopPropagation();  // no other handler (an XHR upload) may send it either
    }
  }, true);
})();
