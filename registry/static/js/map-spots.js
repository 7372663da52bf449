// Spots for areas too small to see (the project list's map: geo/maps.py, Layer.spots). Across the city a
// parcel is under a pixel, and Leaflet then draws it as nothing at all. While an area is under SMALL px
// across either way at the map's zoom, a spot at its centre in its outline's colour stands for it — as
// the OGC pages' map marks its features (ogc-map.js). The spot is in the area's layer, so the layer list
// hides it with the layer, and has the area's feature, so the layer's tooltip names it; under the pointer it
// is marked as the area is.
(function () {
  "use strict";
  if (!window.L) { return; }
  var SMALL = 8, RADIUS = 4;
  L.areaSpots = function (layer, map) {
    var pairs = [];
    layer.eachLayer(function (shape) {
      if (!shape.getBounds) { return; }
      var colour = shape.options.color;
      var spot = L.circleMarker(shape.getBounds().getCenter(), { radius: RADIUS, color: colour, weight: 1,
                                                                 fillColor: colour, fillOpacity: 0.8, className: "map-spot" });
      spot.feature = shape.feature;
      // marked under the pointer as its area is (geo/maps.py's highlight: a thicker, fuller outline)
      spot.on("mouseover", function () { spot.setStyle({ weight: 2.5, fillOpacity: 1 }); spot.setRadius(RADIUS + 2); spot.bringToFront(); });
      spot.on("mouseout", function () { spot.setStyle({ weight: 1, fillOpacity: 0.8 }); spot.setRadius(RADIUS); });
      pairs.push({ shape: shape, spot: spot });
    });
    var update = function () {
      var zoom = map.getZoom();
      pairs.forEach(function (pair) {
        var bounds = pair.shape.getBounds();
        var size = map.project(bounds.getNorthEast(), zoom).subtract(map.project(bounds.getSouthWest(), zoom));
        var small = Math.min(Math.abs(size.x), Math.abs(size.y)) < SMALL;
        if (small !== layer.hasLayer(pair.spot)) {
          if (small) { layer.addLayer(pair.spot); } else { layer.removeLayer(pair.spot); }
        }
      });
    };
    map.on("zoomend", update);
    map.whenReady(update);  // once the map has its view (fitted after the layers are made)
  };
}());
