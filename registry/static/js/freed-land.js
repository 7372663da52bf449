/* The freed-land map: results as GeoJSON (or as vector tiles when there are many), a polygon
   drawn with Leaflet-Geoman, a point for the radius search, the current view as a filter.
   The map only fills the form's fields; the server checks everything. */
"use strict";

(function () {
  const cfg = JSON.parse(document.getElementById("freed-map-config").textContent);
  const map = L.map("freed-map").fitBounds([[30.68, 120.85], [31.87, 122.0]]);
  const form = document.getElementById("freed-form");
  const polygonField = document.getElementById("f-polygon");
  const bboxField = document.getElementById("f-bbox");
  // Fill and outline per status (geo/map_styles.py): a parcel is seen by its outline on the map's grey.
  const styleOf = (status) => cfg.styles[status] || { fill: "#333", outline: "#333" };
  const area = (status, options) => ({ color: styleOf(status).outline, fillColor: styleOf(status).fill, ...options });

  L.vectorGrid.protobuf(cfg.tiles.replace("freed", "districts"), {
    vectorTileLayerStyles: { districts: { color: cfg.styles.districts.outline, weight: 1, fill: false } },
    interactive: false, maxNativeZoom: 14, pmIgnore: true,
  }).addTo(map);

  // The districts ticked, outlined: the view when no parcel is drawn (an empty result, or the
  // tiles of a large one), where it showed the whole city and the district a speck in it.
  let chosen = null;
  if (cfg.chosen_districts.length) {
    chosen = L.geoJSON({ type: "FeatureCollection", features: cfg.chosen_districts.map((geometry) => ({ type: "Feature", geometry, properties: {} })) }, {
      pmIgnore: true, interactive: false,
      style: { color: cfg.styles.districts.outline, weight: 2, fill: false, className: "chosen-district" },
    }).addTo(map);
    if (!cfg.features.length) map.fitBounds(chosen.getBounds());
  }

  let results = null;
  if (cfg.features.length) {
    results = L.geoJSON({ type: "FeatureCollection", features: cfg.features }, {
      pmIgnore: true,
      style: (f) => area(f.properties.status, { weight: 1, fillOpacity: 0.55 }),
      onEachFeature: (f, layer) => {
        layer.bindTooltip(L.textTooltip(`${f.properties.code} · ${Math.round(f.properties.area_m2).toLocaleString(document.documentElement.lang)} m²`));
        layer.on("click", () => { window.location.href = cfg.detail + f.id; });
      },
    }).addTo(map);
    // At city scale a parcel is smaller than a pixel: mark each with a dot until it is legible.
    const dots = L.layerGroup(results.getLayers().map((layer) => L.circleMarker(layer.getBounds().getCenter(),
      area(layer.feature.properties.status, { radius: 4, weight: 1, fillOpacity: 0.9, pmIgnore: true }))
      .bindTooltip(L.textTooltip(layer.feature.properties.code)).on("click", () => { window.location.href = cfg.detail + layer.feature.id; })));
    const toggleDots = () => { if (map.getZoom() < 14) dots.addTo(map); else dots.remove(); };
    map.on("zoomend", toggleDots);
    map.fitBounds(results.getBounds(), { maxZoom: 16 });
    toggleDots();
  } else if (cfg.use_tiles) {
    const note = L.control({ position: "bottomleft" });
    note.onAdd = () => { const d = L.DomUtil.create("div", "map-note"); d.textContent = cfg.labels.many; return d; };
    note.addTo(map);
    L.vectorGrid.protobuf(cfg.tiles, {
      rendererFactory: L.svg.tile, maxNativeZoom: 16, pmIgnore: true,
      vectorTileLayerStyles: {
        freed: (p) => area(p.status, { weight: 1, fill: true, fillOpacity: 0.55 }),
        freed_grid: (p) => area("freed", { radius: 3 + Math.min(12, Math.sqrt(p.freed)), fill: true, fillOpacity: 0.6, weight: 1 }),
        freed_district: (p) => area("freed", { weight: 1, fill: true, fillOpacity: Math.min(0.7, 0.1 + p.freed_m2 / 2e7) }),
      },
    }).addTo(map);
  }

  // The polygon filter: drawn with Geoman, kept in a hidden field as GeoJSON. "Clear polygon" is
  // offered only while there is one to clear.
  let drawn = null;
  const clearButton = document.getElementById("clear-polygon");
  clearButton.disabled = true;
  function keep(layer) {
    if (drawn && drawn !== layer) map.removeLayer(drawn);
    drawn = layer;
    clearButton.disabled = false;
    polygonField.value = JSON.stringify(layer.toGeoJSON().geometry);
    layer.on("pm:edit", () => { polygonField.value = JSON.stringify(layer.toGeoJSON().geometry); });
  }
  if (cfg.polygon) {
    try { keep(L.geoJSON(JSON.parse(cfg.polygon), { style: { color: cfg.styles.drawing.outline, fillColor: cfg.styles.drawing.fill, dashArray: "4", fillOpacity: 0.05 } }).getLayers()[0].addTo(map)); }
    catch (e) { /* the server reports a bad polygon */ }
  }
  L.houseDrawing(map, cfg.styles.drawing);
  map.on("pm:create", (e) => keep(e.layer));
  document.getElementById("draw-polygon").addEventListener("click", () => map.pm.enableDraw("Polygon"));
  clearButton.addEventListener("click", () => {
    if (drawn) map.removeLayer(drawn);
    drawn = null; polygonField.value = "";
    clearButton.disabled = true;
  });

  // The radius filter: a point picked on the map.
  const lon = document.getElementById("f-lon"), lat = document.getElementById("f-lat");
  const radius = form.querySelector("[name=radius_km]");
  if (lon.value && lat.value && radius.value) {
    L.circle([+lat.value, +lon.value], { radius: +radius.value * 1000, color: "#0072B2", fill: false, pmIgnore: true }).addTo(map);
  }
  document.getElementById("pick-point").addEventListener("click", () => {
    map.getContainer().style.cursor = "crosshair";
    map.once("click", (e) => {
      lon.value = e.latlng.lng.toFixed(6); lat.value = e.latlng.lat.toFixed(6);
      if (!radius.value) radius.value = "2";
      map.getContainer().style.cursor = "";
    });
  });

  // The map-view filter: the view's bounds go into bbox when the form is sent.
  if (cfg.bbox) {
    const b = cfg.bbox.split(",").map(Number);
    if (b.length === 4 && !cfg.features.length) map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
  }
  form.addEventListener("submit", () => {
    const inView = document.getElementById("f-in-view").checked;
    const v = map.getBounds();
    bboxField.value = inView ? [v.getWest(), v.getSouth(), v.getEast(), v.getNorth()].map((n) => n.toFixed(6)).join(",") : "";
    // Empty fields stay out of the URL, so links stay short and shareable.
    form.querySelectorAll("input, select").forEach((el) => { if (!el.value) el.disabled = true; });
  });
}());
