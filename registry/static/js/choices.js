/* A folded list of checkboxes (details.choices, templates/land/freed.html): its summary names what
   is ticked, or says "all" when nothing is, as the server wrote it for the query shown; this keeps
   it so while the reader ticks, before the form is sent. */
"use strict";

document.querySelectorAll("details.choices").forEach((box) => {
  const chosen = box.querySelector("summary .chosen");
  box.addEventListener("change", () => {
    const names = [...box.querySelectorAll("input[type=checkbox]:checked")].map((input) => input.parentElement.textContent.trim());
    chosen.textContent = names.length ? names.join(box.dataset.separator) : box.dataset.all;
  });
});
