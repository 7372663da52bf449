// This app's defaults for Leaflet, in one place: loaded right after leaflet.js on every page with a
// map, so they hold for folium's maps and the JS maps alike.
(function () {
  "use strict";
  if (!window.L) { return; }
  var meta = document.querySelector('meta[name="map-texts"]');
  // Leaflet's own control texts in the page's language, translated in <meta name="map-texts"> (base.html).
  var texts = meta ? JSON.parse(meta.getAttribute("content")) : null;
  if (texts) {
    L.Control.Zoom.prototype.options.zoomInTitle = texts.zoom_in;
    L.Control.Zoom.prototype.options.zoomOutTitle = texts.zoom_out;
  }

  // On a phone (app.css's breakpoint) a layer list starts folded into Leaflet's icon, which a tap
  // opens: open, it covered the map from its top right corner down to the middle. A desktop keeps
  // what each map asks for.
  var phone = window.matchMedia("(max-width: 760px)");
  L.Control.Layers.addInitHook(function () {
    if (phone.matches) { this.options.collapsed = true; }
  });
  // The house drawing style (geo/map_styles.py DRAWING, from the page's configuration) for what
  // Leaflet-Geoman draws: the line being drawn, its hint, and the finished shape.
  L.houseDrawing = function (map, style) {
    var line = { color: style.outline, weight: 2 };
    map.pm.setGlobalOptions({
      templineStyle: line, hintlineStyle: { color: style.outline, weight: 2, dashArray: "5,5" },
      pathOptions: { color: style.outline, fillColor: style.fill, fillOpacity: 0.15, weight: 2 },
    });
  };
  // A tooltip that shows ``text`` as text. Leaflet writes a string tooltip as HTML (innerHTML), and
  // parcel codes are typed by users: a code such as <img onerror=…> would run as script.
  L.textTooltip = function (text) {
    var span = document.createElement("span");
    span.textContent = String(text);
    return span;
  };
  var addLayers = L.Control.Layers.prototype.onAdd;
  L.Control.Layers.include({
    onAdd: function (map) {
      var container = addLayers.call(this, map);
      // Leaflet titles its folded icon 'Layers' whatever the page's language
      if (texts) { container.querySelector(".leaflet-control-layers-toggle").title = texts.layers; }
      return container;
    }
  });
}());
