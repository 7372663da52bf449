// The OGC API pages' map (templates/ogc/items.html, item.html): the page's features on the registry's
// grey, coloured as the other maps colour them (geo/map_styles.py, by kind where the layer has one),
// each named by its tooltip and opening its own page when clicked. Without features, no map.
(function () {
  "use strict";
  const box = document.getElementById("ogc-map");
  if (!box || !window.L) { return; }
  const data = JSON.parse(document.getElementById("ogc-features").textContent);
  const config = JSON.parse(document.getElementById("ogc-map-config").textContent);
  const map = L.map(box);
  const styleOf = (feature) => {
    const s = config.styles[feature.properties.style] || config.default;
    return { color: s.outline, fillColor: s.fill, weight: 2, fillOpacity: 0.35 };
  };
  // The districts' outlines beneath (the items page's): features across the city floated on the grey.
  // Unfilled and deaf to the pointer, so a feature's tooltip and link stay its own.
  if ((config.districts || []).length) {
    L.geoJSON({ type: "FeatureCollection", features: config.districts.map((geometry) => ({ type: "Feature", geometry, properties: {} })) }, {
      interactive: false,
      style: { color: config.outline.outline, weight: 1, fill: false, className: "district-outline" },
    }).addTo(map);
  }
  const open = (feature) => () => { window.location.href = feature.properties.href; };
  const layer = L.geoJSON(data, {
    style: (feature) => ({ ...styleOf(feature), className: "ogc-shape" }),
    onEachFeature: (feature, shape) => {
      shape.bindTooltip(L.textTooltip(feature.properties.label), { sticky: true });
      shape.on("click", open(feature));
    },
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { maxZoom: 17, padding: [8, 8] });
  } else {
    map.setView([31.23, 121.47], 9);  // Shanghai: a page of features without a shape
  }
  // A parcel is smaller than a pixel when the page's features lie across the city: each has a spot at
  // its centre too, seen and clicked at any zoom (added once the map has its view, as Leaflet needs).
  layer.eachLayer((shape) => {
    const feature = shape.feature, s = styleOf(feature);
    L.circleMarker(shape.getBounds().getCenter(), { radius: 4, color: s.color, fillColor: s.color, fillOpacity: 0.8,
                                                    weight: 1, className: "ogc-spot" })
      .bindTooltip(L.textTooltip(feature.properties.label)).on("click", open(feature)).addTo(map);
  });
}());
