/* The top bar's menu on narrow screens: a button folds the navigation away and back.
   Without this script the button stays hidden and the menu stays open (it wraps).
   The search box: where the bar has no room for it on one row (a desktop in English), it folds
   behind its button, which opens it under the bar ("compact"); "/" puts the cursor in it (the search
   page's own box, else the top bar's, opening what is folded) unless one is typing in a field.
   Where even the folded box leaves the bar too full, the language switch shows only the language to
   switch to (the page's own is its lang attribute), then the registry's name its short form, and last
   its parts stand closer together. */
"use strict";

(function () {
  const bar = document.getElementById("topbar");
  const toggle = bar.querySelector(".menu-toggle");
  const menu = document.getElementById("topbar-menu");
  const search = bar.querySelector(".topbar-search");
  if (!toggle) return;  // signed out: only the language switch, which wraps below the title
  const box = search.querySelector("input");
  const find = search.querySelector("button");
  bar.classList.add("foldable");
  toggle.hidden = false;
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    bar.classList.toggle("open", open);
  }
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  bar.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (search.classList.contains("open")) { setSearchOpen(false); find.focus(); }
    else if (bar.classList.contains("open")) { setOpen(false); toggle.focus(); }
  });
  menu.addEventListener("focusout", (event) => {  // tabbing out of the open menu closes it
    if (bar.classList.contains("open") && !bar.contains(event.relatedTarget)) setOpen(false);
  });

  // compact: the box under the bar, shown by its button; else in the bar's row (or the phone's menu)
  function setSearchOpen(open) {
    search.classList.toggle("open", open);
    if (bar.classList.contains("compact-search")) find.setAttribute("aria-expanded", String(open));
  }
  const brand = bar.querySelector(".brand");
  // what a full bar folds, in this order: the search box behind its button, the language switch to the
  // other language, the registry's name to its short form, last the gaps between its parts (app.css:
  // an administrator's bar, with 用户管理 and 审计日志, in English at 1100 px)
  const FOLDS = ["compact-search", "compact-lang", "compact-brand", "compact-gaps"];
  function oneRow() {  // the menu beside the brand, not wrapped under it
    return menu.offsetTop < brand.offsetTop + brand.offsetHeight;
  }
  function fit() {
    const phone = getComputedStyle(toggle).display !== "none";
    bar.classList.remove(...FOLDS);
    find.removeAttribute("aria-expanded");
    if (phone || oneRow()) return;
    // fold one thing after another until the bar is one row (a reviewer's bar in English, with 帮助's "?")
    for (const fold of FOLDS) if (!oneRow()) bar.classList.add(fold);
    if (!oneRow()) { bar.classList.remove(...FOLDS); return; }  // wraps anyway: the whole box
    // the short name can leave room for what folded before it (English at 1280 px): the switch, then the box
    if (bar.classList.contains("compact-brand")) {
      for (const fold of ["compact-lang", "compact-search"]) {
        bar.classList.remove(fold);
        if (!oneRow()) { bar.classList.add(fold); break; }
      }
    }
    if (!bar.classList.contains("compact-search")) return;
    find.setAttribute("aria-controls", box.id);
    find.setAttribute("aria-expanded", String(search.classList.contains("open")));
  }
  fit();
  window.addEventListener("resize", fit);
  if (document.fonts) document.fonts.ready.then(fit);
  find.addEventListener("click", (event) => {
    if (!bar.classList.contains("compact-search") || (search.classList.contains("open") && box.value.trim())) return;
    event.preventDefault();  // folded, or open and empty: the button opens or closes the box
    setSearchOpen(!search.classList.contains("open"));
    if (search.classList.contains("open")) box.focus();
  });
  search.addEventListener("focusout", (event) => {
    if (!search.contains(event.relatedTarget)) setSearchOpen(false);
  });

  function typing(target) {
    return target instanceof Element &&
      (target.isContentEditable || target.closest("input, textarea, select") !== null);
  }
  document.addEventListener("keydown", (event) => {
    // "/" is Shift+7 on some layouts: the key, not the modifiers, says what was typed
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.defaultPrevented || typing(event.target)) return;
    const field = document.getElementById("search-q") || box;
    event.preventDefault();
    if (field === box) {
      if (getComputedStyle(menu).display === "none") setOpen(true);
      if (bar.classList.contains("compact-search")) setSearchOpen(true);
    }
    field.focus();
    field.select();
  });
})();
