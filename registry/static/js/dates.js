// Date fields in the page's language. Chromium draws <input type="date"> in the *browser's*
// locale (mm/dd/yyyy in an English browser on a Chinese page), so each one gets a flatpickr
// calendar that shows the date as the rest of the page does (2026年11月23日 / Nov 23, 2026,
// Babel's medium format) and still submits ISO (2026-11-23) under the field's own name.
// Without flatpickr (script blocked) the native date input keeps working.
(function () {
  if (!window.flatpickr) return;
  var script = document.currentScript;
  var invalidMessage = script.dataset.invalid;
  var noSuchDay = script.dataset.noSuchDay, noSuchMonth = script.dataset.noSuchMonth;
  // The calendar's year and month fields are named for screen readers in the page's language
  // (flatpickr's zh has no names for them: "Year", "Month" in English on a Chinese page).
  var fieldNames = { yearAriaLabel: document.currentScript.dataset.year, monthAriaLabel: document.currentScript.dataset.month };
  var zh = document.documentElement.lang !== "en";
  var shown = zh ? "Y年n月j日" : "M j, Y";
  var iso = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/;
  var monthNames = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { year: "numeric", month: "long" });

  // A typed date: ISO or with slashes (as pasted from Excel), else in the shown format. A day
  // that does not exist (2013-02-30) is not a date: JavaScript would roll it over to March 2.
  function parse(text, format) {
    var m = iso.exec(text);
    if (m) {
      var day = new Date(+m[1], +m[2] - 1, +m[3]);
      return day.getMonth() === +m[2] - 1 && day.getDate() === +m[3] ? day : undefined;
    }
    var fmt = format === "Y-m-d" ? shown : format;
    var parsed = flatpickr.parseDate(text, fmt);
    return parsed && flatpickr.formatDate(parsed, fmt) === text.trim() ? parsed : undefined;
  }

  // Why text that is no date is none: written as a day whose month or day does not exist
  // (2017-02-30), it says so — 2017年2月没有30日, in the server's words (registry/domain/days.py) —
  // not that the format is wrong; else the format to write.
  function whyNot(text) {
    var m = iso.exec(text);
    if (!m || +m[1] < 1) return invalidMessage;
    var month = +m[2];
    if (month < 1 || month > 12) return noSuchMonth.replace("%(month)s", month);
    var first = new Date(2000, month - 1, 1);
    first.setFullYear(+m[1]);  // not Date(17, …): years 0–99 would be read as 1900–1999
    return noSuchDay.replace("%(month)s", monthNames.format(first)).replace("%(day)s", +m[3]);
  }

  document.querySelectorAll('input[type="date"]').forEach(function (input) {
    var typed = "";
    // a form shown again after a refused save holds the text as typed in its markup (the value the
    // browser gives a date input is empty for text that is not a date)
    var given = input.getAttribute("value");
    var picker = flatpickr(input, {
      // Chinese calendars start the week on Monday (GB/T 7408); flatpickr's zh starts it on Sunday.
      locale: Object.assign({}, zh ? flatpickr.l10ns.zh : flatpickr.l10ns.default, fieldNames, zh ? { firstDayOfWeek: 1 } : {}),
      dateFormat: "Y-m-d", altInput: true, altFormat: shown, ariaDateFormat: shown,
      allowInput: true, disableMobile: true, parseDate: parse, errorHandler: function () {},
      onChange: function (dates) {  // a day picked on the calendar replaces what was typed
        if (dates.length) { typed = ""; markUnreadable(false); }
      },
    });
    var field = picker.altInput;
    // Said beside the field, in the page's language, as well as by the browser when the form is
    // sent: leaving the field must not pull the focus back to it (reportValidity would).
    var note = document.createElement("span");
    note.className = "field-error date-error";
    note.setAttribute("role", "alert");
    note.hidden = true;
    field.insertAdjacentElement("afterend", note);
    function markUnreadable(unreadable) {
      var message = unreadable ? whyNot(typed) : "";
      field.setCustomValidity(message);
      note.textContent = message;
      if (unreadable) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
      note.hidden = !unreadable;
    }
    // flatpickr empties a field whose text it cannot read (on blur or Enter): once it has, put
    // the text back, submit it as typed (the server names the error too) and hold the form with
    // the browser's message until the text is changed or a day is picked. A day already picked
    // (the pick and the blur's tick run in either order) is never overwritten.
    function keepUnreadable(report) {
      if (picker.selectedDates.length || typed.trim() === "" || parse(typed, shown)) return;
      field.value = typed;
      input.value = typed;
      markUnreadable(true);
      if (report) field.reportValidity();
    }
    field.addEventListener("input", function () {
      typed = field.value;
      markUnreadable(false);
    });
    field.addEventListener("blur", function () { setTimeout(keepUnreadable, 0, false); });
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") setTimeout(keepUnreadable, 0, true);
    });
    // The visible field stands in for the hidden one: tests and scripts find it by the name.
    field.setAttribute("data-date-for", input.name);
    // flatpickr showed a refused date (2017-02-30) as an empty field: the user saw it named in the
    // errors and could not find what to correct
    if (given && !picker.selectedDates.length) {
      typed = given;
      keepUnreadable(false);
    }
  });
})();
