/* The wizard's map: district outlines, existing parcels to select, drawing with Leaflet-Geoman, the
   list of the parcels chosen and drawn. Every polygon is checked by the server (/projects/parcel-check);
   the map only helps. Parcels uploaded or typed come through addPolygon (wizard-parcel-entry.js). */
"use strict";

window.ParcelMap = function (config, onChange) {
  const L_ = config.labels;
  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  // an area to its unit's places (config.places, the pages' own), grouped in the page's language
  const figure = (value, unit) => Number(value).toLocaleString(document.documentElement.lang,
    { minimumFractionDigits: config.places[unit], maximumFractionDigits: config.places[unit] });
  const csrf = document.querySelector("input[name=csrf_token]").value;
  const map = L.map("wizard-map", { preferCanvas: false }).setView([31.2, 121.45], 10);
  // drawn: {layer, check, land_use, reason}; selected: id → code; areas: id → m² (the review lists them)
  const state = { drawn: [], selected: new Map(), areas: new Map() };
  const given = JSON.parse(config.existing_parcels || "[]");  // {id, code, geometry} of an edited project
  window.wizardMap = map;  // for the browser tests and for support staff in the console
  // Fill and outline of each kind of area (geo/map_styles.py): seen by its outline on the map's grey.
  const styles = config.map_styles;
  const districtStyle = (f) => ({ color: styles.districts.outline, weight: f.properties.code === currentDistrict() ? 3 : 1,
                                  fillColor: styles.districts.fill, fillOpacity: f.properties.code === currentDistrict() ? 0.08 : 0.02 });
  const area = (style, options) => ({ color: style.outline, fillColor: style.fill, ...options });

  const districtLayer = L.geoJSON({ type: "FeatureCollection", features: config.district_outlines.map((d) => ({
    type: "Feature", properties: { code: d.code, name: d.name }, geometry: d.geometry })) }, {
    style: districtStyle,
    interactive: false, pmIgnore: true,
  }).addTo(map);
  const existingLayer = L.geoJSON(null, {
    pmIgnore: true,
    style: (f) => (state.selected.has(f.properties.id) ? area(styles.chosen, { weight: 1, fillOpacity: 0.5 })
                                                       : area(styles.not_chosen, { weight: 1, fillOpacity: 0.15 })),
    onEachFeature: (f, layer) => {
      layer.bindTooltip(L.textTooltip(`${f.properties.code} · ${figure(f.properties.area_m2, "m²")} m²`));
      layer.on("click", () => toggleExisting(f));
      layer.on("add", () => keyboardToggle(layer, f));
    },
  }).addTo(map);

  // A parcel is chosen by a click, or from the keyboard: Tab from the map (whose arrow and +/- keys
  // pan and zoom) to the parcels, Enter or Space to choose; aria-pressed says whether it is chosen.
  function keyboardToggle(layer, feature) {
    const path = layer.getElement();
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "button");
    path.setAttribute("aria-label", layer.getTooltip().getContent().textContent);  // a text node (L.textTooltip)
    path.setAttribute("aria-pressed", String(state.selected.has(feature.properties.id)));
    path.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();  // Space would scroll the page
      toggleExisting(feature);
    });
    path.addEventListener("focus", () => layer.openTooltip());
    path.addEventListener("blur", () => layer.closeTooltip());
  }

  function restyleExisting() {
    existingLayer.setStyle(existingLayer.options.style);
    existingLayer.eachLayer((layer) => {
      const path = layer.getElement();
      if (path) path.setAttribute("aria-pressed", String(state.selected.has(layer.feature.properties.id)));
    });
  }

  function currentDistrict() {
    const field = document.querySelector("[name=district_code]:not([disabled])");
    return field ? field.value : config.own_district;
  }

  // The map opens on the parcels the form already holds (an edited project's, or those drawn and
  // chosen before the server refused the form: on the whole district a drawn parcel was a speck to
  // find again), else on the district.
  function zoomToStart() {
    districtLayer.setStyle(districtStyle);
    const held = given.filter((p) => state.selected.has(p.id) && p.geometry);
    if (held.length || state.drawn.length) {
      const bounds = L.latLngBounds([]);
      if (held.length) bounds.extend(L.geoJSON({ type: "FeatureCollection", features: held.map((p) => ({
        type: "Feature", properties: {}, geometry: p.geometry })) }).getBounds());
      state.drawn.forEach((entry) => bounds.extend(entry.layer.getBounds()));
      map.fitBounds(bounds, { maxZoom: 17 });
      return;
    }
    districtLayer.eachLayer((layer) => {
      if (layer.feature.properties.code === currentDistrict()) map.fitBounds(layer.getBounds());
    });
  }

  // The parcels in view, asked for at each move: an answer for a view already left (it may come
  // after the next one's) is dropped, so the map never shows another view's parcels.
  let viewAsked = 0;
  const SHOWS_PARCELS = 13;  // the zoom from which the registered parcels in view are drawn
  async function loadExisting() {
    const question = ++viewAsked;
    // opened on the whole district, the map showed no parcel to click and said nothing of why
    document.getElementById("zoom-for-parcels").hidden = map.getZoom() >= SHOWS_PARCELS;
    if (map.getZoom() < SHOWS_PARCELS) { existingLayer.clearLayers(); return; }
    const b = map.getBounds();
    const url = `${config.urls.parcels}?bbox=${b.getWest()},${b.getSouth()},${b.getEast()},${b.getNorth()}`;
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    if (question !== viewAsked) return;
    // drawn anew: the parcel that had the keyboard's focus keeps it (a resize of the window moves the map)
    let focused = null;
    existingLayer.eachLayer((layer) => { if (layer.getElement() === document.activeElement) focused = layer.feature.properties.id; });
    existingLayer.clearLayers();
    existingLayer.addData(data);
    existingLayer.eachLayer((layer) => { if (layer.feature.properties.id === focused) layer.getElement().focus(); });
  }

  function toggleExisting(feature) {
    const id = feature.properties.id;
    if (state.selected.has(id)) state.selected.delete(id); else state.selected.set(id, feature.properties.code);
    state.areas.set(id, feature.properties.area_m2);
    restyleExisting();
    render();
  }

  // A parcel is checked again at each edit: only the answer for its latest shape counts, and none
  // for a parcel removed meanwhile (its overlaps would stay drawn on the map).
  async function check(entry) {
    const question = entry.asked = (entry.asked || 0) + 1;
    entry.status = "checking";
    render();
    const geometry = entry.layer.toGeoJSON().geometry;
    const response = await fetch(config.urls.check, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ geometry, district_code: currentDistrict(), gcj02: false }),
    });
    const body = await response.json();
    if (question !== entry.asked || !state.drawn.includes(entry)) return;
    entry.check = response.ok ? body : { ok: false, problem: body.detail || body.title };
    entry.status = "checked";
    entry.layer.setStyle(area(entry.check.ok ? styles.accepted : styles.refused, { weight: 2 }));
    if (entry.overlapLayer) map.removeLayer(entry.overlapLayer);
    if (entry.check.overlaps && entry.check.overlaps.length) {
      entry.overlapLayer = L.geoJSON({ type: "FeatureCollection", features: entry.check.overlaps.map((o) => ({
        type: "Feature", properties: {}, geometry: o.geometry })) }, { pmIgnore: true,
        style: area(styles.refused, { fillOpacity: 0.6, weight: 1 }) }).addTo(map);
    }
    render();
  }

  function addPolygon(geometry, properties) {
    const layer = L.geoJSON(geometry).getLayers()[0];
    layer.addTo(map);
    adopt(layer, properties || {});
    return layer;
  }

  function adopt(layer, properties) {
    // a form the server refused gives back the reason typed for an overlap: it had been dropped, and
    // the next save refused for it again
    const entry = { layer, land_use: properties.land_use_class || "M2", reason: properties.overlap_reason || "", check: null };
    state.drawn.push(entry);
    layer.on("pm:edit", () => check(entry));
    check(entry);
  }

  map.on("pm:create", (e) => adopt(e.layer, {}));
  map.on("moveend", loadExisting);
  map.pm.setGlobalOptions({ snappable: true, snapDistance: 15, allowSelfIntersection: true });
  L.houseDrawing(map, styles.drawing);
  map.pm.setLang(document.documentElement.lang === "en" ? "en" : "zh");
  document.getElementById("draw").addEventListener("click", () => map.pm.enableDraw("Polygon"));

  function removeEntry(entry) {
    map.removeLayer(entry.layer);
    if (entry.overlapLayer) map.removeLayer(entry.overlapLayer);
    state.drawn.splice(state.drawn.indexOf(entry), 1);
    render();
  }

  function useRepair(entry) {
    const repaired = entry.check.repaired;
    removeEntry(entry);
    addPolygon(repaired, { land_use_class: entry.land_use });
  }

  // "移除", named for a screen reader by what it removes (a list of buttons all read "移除" alike)
  function removeButton(name, onclick) {
    const button = document.createElement("button");
    button.type = "button"; button.className = "danger small"; button.textContent = L_.remove;
    button.setAttribute("aria-label", name);
    button.onclick = onclick;
    return button;
  }

  function render() {
    const list = document.getElementById("parcel-list");
    list.replaceChildren();
    for (const [id, code] of state.selected) {
      const li = document.createElement("li");
      li.textContent = `${fmt(L_.noted, { text: code, note: L_.selected })} `;
      li.append(removeButton(fmt(L_.remove_parcel, { code }), () => { state.selected.delete(id); restyleExisting(); render(); }));
      list.append(li);
    }
    state.drawn.forEach((entry, i) => list.append(drawnItem(entry, i)));
    onChange();
  }

  function drawnItem(entry, i) {
    const li = document.createElement("li");
    li.className = entry.check && entry.check.ok ? "ok" : "problem";
    const c = entry.check;
    let text;
    if (!c) text = L_.checking;
    else if (c.ok) text = `${L_.area} ${figure(c.area_m2, "m²")} m² · ${figure(c.area_mu, "亩")} ${L_.mu} · ${figure(c.area_ha, "ha")} ${L_.ha}`;
    else text = `${c.problem || L_.invalid}${c.invalid_reason ? " — " + c.invalid_reason : ""}`;
    li.append(document.createTextNode(fmt(L_.labelled, { label: `${L_.drawn} ${i + 1}`, value: text }) + " "));
    const landUse = document.createElement("select");
    landUse.setAttribute("aria-label", L_.land_use);
    for (const [code, name] of config.land_uses) landUse.append(new Option(name, code, false, code === entry.land_use));
    landUse.onchange = () => { entry.land_use = landUse.value; onChange(); };
    li.append(landUse);
    if (c && c.repaired) {
      const repair = document.createElement("button");
      repair.type = "button"; repair.className = "use-repair"; repair.textContent = L_.use_repair;
      repair.onclick = () => useRepair(entry);
      li.append(repair);
    }
    if (c && c.overlaps && c.overlaps.length) {
      const note = document.createElement("label");
      note.textContent = `${fmt(L_.labelled, { label: L_.overlaps, value: c.overlaps.map((o) => o.code).join(L_.list) })} — ${L_.overlap_reason} `;
      const reason = document.createElement("input");
      reason.className = "overlap-reason"; reason.value = entry.reason;
      reason.oninput = () => { entry.reason = reason.value; onChange(); };
      note.append(reason);
      li.append(note);
    }
    li.append(removeButton(fmt(L_.remove_new_parcel, { number: i + 1 }), () => removeEntry(entry)));
    return li;
  }

  for (const p of given) { state.selected.set(p.id, p.code); state.areas.set(p.id, p.area_m2); }
  const startIds = document.getElementById("parcel_ids").value.split(/[ ,]+/).filter(Boolean).map(Number);
  for (const id of startIds) if (!state.selected.has(id)) state.selected.set(id, `#${id}`);
  for (const f of JSON.parse(document.getElementById("new_parcels").value || "[]")) addPolygon(f.geometry, f.properties);
  render();  // list what the form already holds, before any check or click redraws the list

  return {
    map, zoomToStart, render, figure, addPolygon,
    values() {
      return {
        parcel_ids: [...state.selected.keys()].join(" "),
        new_parcels: state.drawn.map((e) => ({ type: "Feature", geometry: e.layer.toGeoJSON().geometry,
          properties: { land_use_class: e.land_use, overlap_reason: e.reason || null } })),
        count: state.selected.size + state.drawn.length,
        // what the review step lists: each parcel's code (a new one's number) and area, once known
        listed: [...[...state.selected].map(([id, code]) => ({ name: code, area_m2: state.areas.get(id) })),
                 ...state.drawn.map((e, i) => ({ name: `${L_.drawn} ${i + 1}`, area_m2: e.check && e.check.ok ? e.check.area_m2 : undefined }))],
      };
    },
  };
};
