/* The top bar's menu on narrow screens: a button folds the navigation away and back.
   Without this script the button stays hidden and the menu stays open (it wraps). */
"use strict";

(function () {
  const bar = document.getElementById("topbar");
  const toggle = bar.querySelector(".menu-toggle");
  const menu = document.getElementById("topbar-menu");
  if (!toggle) return;  // signed out: only the language switch, which wraps below the title
  bar.classList.add("foldable");
  toggle.hidden = false;
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    bar.classList.toggle("open", open);
  }
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  bar.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && bar.classList.contains("open")) { setOpen(false); toggle.focus(); }
  });
  menu.addEventListener("focusout", (event) => {  // tabbing out of the open menu closes it
    if (bar.classList.contains("open") && !bar.contains(event.relatedTarget)) setOpen(false);
  });
})();
