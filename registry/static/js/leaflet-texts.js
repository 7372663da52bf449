// Leaflet's own control texts in the page's language. Loaded right after leaflet.js on every page
// with a map; the texts come translated from <meta name="map-texts"> in base.html.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="map-texts"]');
  if (!window.L || !meta) { return; }
  var texts = JSON.parse(meta.getAttribute("content"));
  L.Control.Zoom.prototype.options.zoomInTitle = texts.zoom_in;
  L.Control.Zoom.prototype.options.zoomOutTitle = texts.zoom_out;
}());
