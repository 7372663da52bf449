// The parcel page's map: the parcel itself, and for a planner on a freed parcel the parcels it may
// be merged with and the cut line of a split, drawn with Leaflet-Geoman and posted as GeoJSON in
// the split form's hidden "line" field; both forms are previewed on the map (parcel-previews.js).
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("parcel-map-config").textContent);
  const map = L.map("parcel-map");
  const style = config.parcel;  // seen by its outline on the map's grey (geo/map_styles.py)
  const parcelFill = { color: style.outline, fillColor: style.fill, weight: 2, fillOpacity: 0.4 };
  const layer = L.geoJSON(JSON.parse(document.getElementById("parcel-geometry").textContent),
                          { style: parcelFill }).addTo(map);
  map.fitBounds(layer.getBounds(), { maxZoom: 17 });
  // Its district, drawn as a project page draws its own (geo/map_styles.py DISTRICTS): the parcel alone
  // on the grey said nothing of where it lay. The map stays up close (its shape, a split's cut line),
  // where the outline is mostly out of view, so the corner's locator shows the district whole with the
  // parcel's place in it. Neither is snapped to nor cut by Geoman.
  if (config.district) {
    const outline = { color: config.districts.outline, fillColor: config.districts.fill, weight: 1.5, fillOpacity: 0.04 };
    L.geoJSON(config.district.geometry, { style: outline, interactive: false, pmIgnore: true, snapIgnore: true })
      .addTo(map).bringToBack();
    const Locator = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        const box = L.DomUtil.create("figure", "map-locator");
        box.setAttribute("role", "img");
        box.setAttribute("aria-label", config.district.label);
        box.title = config.district.label;
        const inset = L.DomUtil.create("div", "map-locator-map", box);
        inset.setAttribute("aria-hidden", "true");
        L.DomUtil.create("figcaption", "", box).textContent = config.district.name;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    const locator = new Locator().addTo(map);
    const still = { zoomControl: false, attributionControl: false, dragging: false, touchZoom: false, scrollWheelZoom: false,
                    doubleClickZoom: false, boxZoom: false, keyboard: false, zoomSnap: 0, keepsSize: true };
    const small = L.map(locator.getContainer().querySelector(".map-locator-map"), still);
    const whole = L.geoJSON(config.district.geometry, { style: { ...outline, weight: 1, fillOpacity: 0.12 }, interactive: false }).addTo(small);
    small.fitBounds(whole.getBounds(), { padding: [3, 3] });
    // a spot, not the shape: at the district's scale a parcel is smaller than a pixel
    L.circleMarker(layer.getBounds().getCenter(), { radius: 4, color: style.outline, fillColor: style.outline, fillOpacity: 1,
                                                    weight: 1, interactive: false }).addTo(small);
  }
  // The zones it lies in, dashed in their kind's colour and named, and the live parcels nearby, grey and
  // faint, each named and a link to its page (web/surroundings_map.py): on an intranet's map without
  // tiles they are all that shows what surrounds it. The merge's candidates are drawn below, not twice;
  // none is snapped to nor cut by Geoman.
  const context = { pmIgnore: true, snapIgnore: true };
  config.zones.forEach((zone) => {
    const dashed = { color: zone.style.outline, fillColor: zone.style.fill, weight: 1.5, dashArray: "6 4", fillOpacity: 0.06 };
    L.geoJSON(zone.geometry, { ...context, style: dashed }).bindTooltip(L.textTooltip(zone.label), { sticky: true }).addTo(map);
  });
  const candidates = new Set(config.neighbours.map((n) => n.code));
  const quiet = { color: config.nearbyStyle.outline, fillColor: config.nearbyStyle.fill, weight: 1, fillOpacity: 0.12 };
  config.nearby.filter((n) => !candidates.has(n.code)).forEach((n) => {
    const shape = L.geoJSON(n.geometry, { ...context, style: quiet }).bindTooltip(L.textTooltip(n.label)).addTo(map);
    shape.on("click", (e) => {  // its link in a popup; not while a cut line is drawn across it
      if (map.pm && map.pm.globalDrawModeEnabled()) { return; }
      const link = document.createElement("a");
      link.href = n.url;
      link.textContent = n.label;
      L.popup().setLatLng(e.latlng).setContent(link).openOn(map);
    });
  });
  layer.bringToFront();
  L.control.scale({ imperial: false }).addTo(map);  // metres and kilometres, as the folium maps' (geo/maps.py)

  // While a preview covers the parcel, its own fill steps back (a split's and a merge's may both be shown).
  let covering = 0;
  const stepBack = () => { covering += 1; layer.setStyle({ fillOpacity: 0 }); };
  const stepForward = () => { covering -= 1; if (!covering) { layer.setStyle(parcelFill); } };

  const splitForm = document.querySelector(".split-form");
  const previews = window.parcelPreview && splitForm;
  const labels = previews ? JSON.parse(document.getElementById("parcel-field-labels").textContent) : {};
  const later = (f, ms) => { let timer = null; return () => { clearTimeout(timer); timer = setTimeout(f, ms); }; };

  // The merge form's preview: the union of this parcel and those ticked or typed, in the drawing colour.
  const mergeForm = document.getElementById("merge-preview") ? document.getElementById("merge-preview").closest("form") : null;
  const merge = previews && mergeForm ? window.parcelPreview({
    map, form: mergeForm, url: config.urls.merge, region: document.getElementById("merge-preview"), texts: config.texts, labels,
    styleOf: () => ({ fill: config.drawing.fill, outline: config.drawing.outline, dashArray: "6 4", fillOpacity: 0.25 }),
    heading: () => config.texts.merged,
    onShow: stepBack, onClear: stepForward,
  }) : null;
  const updateMerge = () => {
    if (!merge) { return; }
    const chosen = [...mergeForm.querySelectorAll('input[name="with"]')].some((f) => (f.type === "checkbox" ? f.checked : f.value.trim()));
    if (chosen) { merge.run(); } else { merge.idle(); }
  };

  // The parcels it may be merged with: grey until ticked, in the drawing colour once ticked; a
  // click on one ticks (or unticks) its box in the merge form, which stays the keyboard path.
  config.neighbours.forEach((n) => {
    const box = document.querySelector('.neighbours input[value="' + CSS.escape(n.code) + '"]');
    if (!box) { return; }
    const shape = L.geoJSON(n.geometry).addTo(map).bindTooltip(L.textTooltip(n.code));
    const paint = () => {
      const s = box.checked ? config.drawing : config.neighbour;
      shape.setStyle({ color: s.outline, fillColor: s.fill, weight: 2, fillOpacity: box.checked ? 0.35 : 0.1, dashArray: box.checked ? null : "4" });
    };
    shape.on("click", () => { box.checked = !box.checked; box.dispatchEvent(new Event("change", { bubbles: true })); });
    box.addEventListener("change", paint);
    paint();
  });
  if (merge) {
    mergeForm.addEventListener("change", (e) => { if (e.target.type === "checkbox") { updateMerge(); } });
    const typed = later(updateMerge, 400);  // a box ticked is previewed at once (its change), typing once it pauses
    mergeForm.addEventListener("input", (e) => { if (e.target.type !== "checkbox") { typed(); } });
    updateMerge();
  }

  const button = document.getElementById("draw-cut");
  if (!button || !map.pm) { return; }
  L.houseDrawing(map, config.drawing);
  map.pm.setLang(document.documentElement.lang === "en" ? "en" : "zh");
  const field = document.getElementById("split-line");
  const state = document.getElementById("cut-state");
  const parts = splitForm.querySelector('textarea[name="parts"]');
  const clearButton = document.getElementById("clear-cut");
  let drawn = null;

  // The split form's preview: the pieces in turns of colours over the parcel, whose own fill steps back.
  const split = previews ? window.parcelPreview({
    map, form: splitForm, url: config.urls.split, region: document.getElementById("split-preview"), texts: config.texts, labels,
    styleOf: (i) => config.pieces[i % config.pieces.length],
    heading: (features) => config.texts.pieces.replace("{count}", String(features.length)),
    onShow: stepBack, onClear: stepForward,
  }) : null;
  // the line drawn is what the form splits along; without one, the parts typed under the disclosure
  const updateSplit = () => {
    if (!split) { return; }
    if (field.value || parts.value.trim()) { split.run(); } else { split.idle(); }
  };

  button.addEventListener("click", () => {
    // the map sits above the planner's forms: bring it into view to draw on it
    document.getElementById("parcel-map").scrollIntoView({ block: "center" });
    map.pm.enableDraw("Line", { snappable: true });
  });
  map.on("pm:create", (e) => {
    if (drawn) { map.removeLayer(drawn); }
    drawn = e.layer;
    const geometry = drawn.toGeoJSON().geometry;
    field.value = JSON.stringify(geometry);
    state.textContent = config.texts.drawn.replace("{points}", String(geometry.coordinates.length));
    if (clearButton) { clearButton.hidden = false; }
    updateSplit();
  });
  if (clearButton) {
    clearButton.addEventListener("click", () => {
      if (drawn) { map.removeLayer(drawn); drawn = null; }
      field.value = "";
      state.textContent = "";
      clearButton.hidden = true;
      button.focus();  // the control that had the focus is gone
      updateSplit();
    });
  }
  parts.addEventListener("input", later(() => { if (!field.value) { updateSplit(); } }, 400));
  updateSplit();
}());
