/* The help index's filter (templates/help/index.html): the topics whose text holds every word typed
   stay listed, the others are hidden, and a line says how many hold it (read out politely). Typed as
   written or pasted: full-width letters and digits count as ASCII (NFKC), case aside. Chinese has no
   spaces between words, so a word is matched anywhere in the text. No request leaves the page. */
"use strict";

(function () {
  const form = document.querySelector(".help-filter");
  if (!form) return;
  const box = form.querySelector("input");
  const found = document.getElementById("help-found");
  const items = Array.from(document.querySelectorAll(".help-topics li[data-words]"));
  const groups = Array.from(document.querySelectorAll(".help-group"));
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());

  function words(text) {
    return text.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
  }
  function filter() {
    const typed = box.value.trim();
    const wanted = words(typed);
    let shown = 0;
    items.forEach((item) => {
      const text = item.dataset.words.normalize("NFKC");
      item.hidden = !wanted.every((word) => text.includes(word));
      if (!item.hidden) shown += 1;
    });
    groups.forEach((group) => { group.hidden = !group.querySelector("li:not([hidden])"); });
    if (!wanted.length) found.textContent = "";
    else if (shown) found.textContent = found.dataset.found.replace("{text}", typed).replace("{n}", String(shown));
    else found.textContent = found.dataset.none.replace("{text}", typed);
  }
  box.addEventListener("input", filter);
  filter();  // a word kept by the browser's back button
})();
