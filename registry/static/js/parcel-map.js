// The parcel page's map: the parcel itself, and for a planner on a freed parcel the cut line of a
// split, drawn with Leaflet-Geoman and posted as GeoJSON in the split form's hidden "line" field.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("parcel-map-config").textContent);
  const map = L.map("parcel-map");
  const style = config.parcel;  // seen by its outline on the map's grey (geo/map_styles.py)
  const layer = L.geoJSON(JSON.parse(document.getElementById("parcel-geometry").textContent),
                          { style: { color: style.outline, fillColor: style.fill, weight: 2, fillOpacity: 0.4 } }).addTo(map);
  map.fitBounds(layer.getBounds(), { maxZoom: 17 });

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
