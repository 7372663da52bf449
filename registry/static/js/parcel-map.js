// The parcel page's map: the parcel itself, and for a planner on a freed parcel the parcels it may
// be merged with and the cut line of a split, drawn with Leaflet-Geoman and posted as GeoJSON in
// the split form's hidden "line" field.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("parcel-map-config").textContent);
  const map = L.map("parcel-map");
  const style = config.parcel;  // seen by its outline on the map's grey (geo/map_styles.py)
  const layer = L.geoJSON(JSON.parse(document.getElementById("parcel-geometry").textContent),
                          { style: { color: style.outline, fillColor: style.fill, weight: 2, fillOpacity: 0.4 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { maxZoom: 17 });

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
    shape.on("click", () => { box.checked = !box.checked; paint(); });
    box.addEventListener("change", paint);
    paint();
  });

  const button = document.getElementById("draw-cut");
  if (!button || !map.pm) { return; }
  L.houseDrawing(map, config.drawing);
  map.pm.setLang(document.documentElement.lang === "en" ? "en" : "zh");
  const field = document.getElementById("split-line");
  const state = document.getElementById("cut-state");
  let drawn = null;
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
  });
}());
