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
  // The credit in the map's corner names the library, its title in the page's language. Leaflet 1.9's
  // own puts a national flag before the name and an English title: not for a Shanghai registry's maps.
  // Text, not a link to leafletjs.com: the districts' networks reach no outside site.
  var credit = document.createElement("span");
  credit.className = "map-credit";
  credit.textContent = "Leaflet";
  if (texts) { credit.title = texts.leaflet; }
  L.Control.Attribution.prototype.options.prefix = credit.outerHTML;

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
  // Paper: a map keeps the size and view its screen gave it, so on a narrower page it was cut at the
  // right. While printing, each map is 170 mm by 110 mm (it fits a panel of print.css's A4 page),
  // shows what the screen showed, and gets its size and view back afterwards. The size is set here,
  // not by the print sheet: Leaflet measures its map before the page is laid out for paper.
  var PAPER = { width: "170mm", height: "110mm", minHeight: "0" };
  L.Map.addInitHook(function () {
    var map = this, screen = null;
    if (map.options.keepsSize) { return; }  // a map inside another's corner (the parcel page's locator)
    var size = function (given) {
      var style = map.getContainer().style;
      ["width", "height", "minHeight"].forEach(function (name) {
        var property = name === "minHeight" ? "min-height" : name;
        style.setProperty(property, given[name], given[name] && "important");  // over the pages' own sizes
      });
      map.invalidateSize({ pan: false });
    };
    window.addEventListener("beforeprint", function () {
      if (screen) { return; }
      var style = map.getContainer().style;
      screen = { center: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds(),
                 size: { width: style.width, height: style.height, minHeight: style.minHeight } };
      size(PAPER);
      // At the exact (fractional) zoom that fits the screen's view, but on the screen's level of
      // tiles (at most half a level out): Leaflet then draws the loaded tiles scaled, where a level
      // out would ask for tiles that the paper does not wait for (the freed land's district lines).
      var snap = map.options.zoomSnap;
      map.options.zoomSnap = 0;
      var fits = map.getBoundsZoom(screen.bounds);
      map.options.zoomSnap = snap;
      map.setView(screen.center, Math.max(fits, screen.zoom - 0.49), { animate: false });
    });
    window.addEventListener("afterprint", function () {
      if (!screen) { return; }
      size(screen.size);
      map.setView(screen.center, screen.zoom, { animate: false });
      screen = null;
    });
  });
  // A map's layer list is its legend too (geo/maps.py puts each layer's swatch before its name). Over
  // the map, open, it hid a quarter of a desk's project map and half a phone's; folded into Leaflet's
  // icon, the legend was gone. It stands under the map instead, in the map's panel, open on every
  // screen (app.css, .map-layers): a map in a panel keeps all its area for the data.
  var layers = L.Control.Layers.prototype;
  var addLayers = layers.onAdd, placeLayers = layers.addTo, expandLayers = layers.expand;
  L.Control.Layers.include({
    onAdd: function (map) {
      var panel = map.getContainer().parentNode;
      this._underMap = !!(panel && panel.classList && panel.classList.contains("map-panel"));
      if (this._underMap) { this.options.collapsed = false; }
      var container = addLayers.call(this, map);
      // Leaflet titles its folded icon 'Layers' whatever the page's language
      if (texts) { container.querySelector(".leaflet-control-layers-toggle").title = texts.layers; }
      return container;
    },
    addTo: function (map) {
      placeLayers.call(this, map);
      if (this._underMap) {
        var strip = document.createElement("div"), box = map.getContainer();
        strip.className = "map-layers";
        strip.setAttribute("role", "group");
        if (texts) { strip.setAttribute("aria-label", texts.layers); }
        strip.appendChild(this.getContainer());
        box.parentNode.insertBefore(strip, box.nextSibling);
        map.invalidateSize({ pan: false });  // the panel's rule gives the map its own height now
        this.expand();
      }
      return this;
    },
    expand: function () {
      expandLayers.call(this);
      // Leaflet fits an open list into the map's height, with a scroll bar; under the map it has the room
      if (this._underMap) {
        this._section.style.height = "";
        L.DomUtil.removeClass(this._section, "leaflet-control-layers-scrollbar");
      }
      return this;
    }
  });
}());
