/* Parcels the wizard's map (wizard-map.js) takes without drawing them: a file uploaded
   (/projects/parcel-upload) and corners typed one per line — the ways without a mouse — and the
   guide above the map that holds them (beside it on a desktop, wizard.css), folded on a phone so
   that the map is in its first screen.
   Each parcel is added to the map as a drawn one is, and checked by the server alike. */
"use strict";

window.wizardParcelEntry = function (config, parcels) {
  const L_ = config.labels;
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  const csrf = document.querySelector("input[name=csrf_token]").value;

  // open on a wider screen (the template's), folded on a phone's (app.css's phone layout)
  const guide = document.getElementById("parcel-guide");
  if (window.matchMedia("(max-width: 760px)").matches) guide.open = false;

  class UploadRefused extends Error {}

  async function upload(file) {
    const data = new FormData();
    data.append("file", file);
    data.append("crs", document.getElementById("upload-crs").value);
    data.append("gcj02", document.getElementById("gcj02").checked ? "1" : "0");
    const shown = document.getElementById("upload-error");
    shown.hidden = true;
    let body = null;
    try {
      const response = await fetch(config.urls.upload, { method: "POST", body: data, credentials: "same-origin",
                                                         headers: { Accept: "application/json", "X-CSRFToken": csrf } });
      body = await response.json().catch(() => null);  // not JSON (a proxy's page, NaN): unusable
      if (!response.ok || !body || !Array.isArray(body.features) || !body.features.length) {
        const why = body && body.errors ? Object.values(body.errors).join(L_.problems) : (body && (body.detail || body.title));
        throw new UploadRefused(why || L_.upload_unusable);
      }
      const layers = body.features.map((f) => parcels.addPolygon(f.geometry, f.properties));
      parcels.map.fitBounds(L.featureGroup(layers).getBounds());
    } catch (error) {
      // Say so, never fail silently: a network error, an error answer or an answer the map cannot use.
      shown.textContent = fmt(L_.labelled, { label: L_.upload_failed,
                                            value: error instanceof UploadRefused ? error.message : L_.upload_unusable });
      shown.hidden = false;
    }
  }
  document.getElementById("upload").addEventListener("change", (e) => {
    if (e.target.files.length) upload(e.target.files[0]);
    e.target.value = "";
  });

  // Typed corners: a parcel from the keyboard (drawing takes a mouse), checked like a drawn one.
  document.getElementById("add-corners").addEventListener("click", () => {
    const field = document.getElementById("corners");
    const shown = document.getElementById("corners-error");
    const typed = window.wizardValues.corners(field.value);
    shown.hidden = !typed.problem;
    if (typed.problem) { shown.textContent = fmt(L_[typed.problem], typed.params); return; }
    parcels.map.fitBounds(parcels.addPolygon({ type: "Polygon", coordinates: [typed.ring] }).getBounds(), { maxZoom: 17 });
    field.value = "";
  });
  // The keyboard hint's links put the focus on what they name (a link to a field only scrolls to it),
  // opening the folds it is in.
  document.querySelectorAll("#map-keyboard a").forEach((link) => link.addEventListener("click", (event) => {
    event.preventDefault();
    const target = document.querySelector(link.hash);
    for (let fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) fold.open = true;
    (target.tagName === "DETAILS" ? document.getElementById("corners") : target).focus();
  }));
};
