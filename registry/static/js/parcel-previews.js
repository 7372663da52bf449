// The previews of the parcel page's split and merge forms (registry/web/land_previews.py): the form
// as filled in is posted to its preview URL (its CSRF token with it); the planned parcels come back
// as GeoJSON with their areas and are drawn on the map and listed above the form's button, or the
// refusal the save would give is shown in the same words. The button is enabled only while the
// preview of what the form now holds has been accepted; without script the form posts as before.
(function () {
  "use strict";

  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props || {});
    node.append(...children);
    return node;
  }

  // A piece's code over its area, as text nodes (el appends strings as text, never as HTML).
  function pieceLabel(f) {
    return el("span", {}, el("strong", { textContent: f.properties.code }), el("br"), f.properties.area_text);
  }

  // { map, form, url, region, texts, labels, styleOf(i), heading(features), onShow(), onClear() }
  window.parcelPreview = function (options) {
    const { map, form, region, texts, labels } = options;
    const button = form.querySelector("button[type=submit]");
    let layer = null;
    let asked = 0;  // the newest request: an answer to an older one is dropped

    function clear() {
      if (layer) { map.removeLayer(layer); layer = null; options.onClear && options.onClear(); }
      region.replaceChildren();
    }

    function swatch(style) {
      const mark = el("span", { className: "piece-swatch" });
      mark.style.backgroundColor = style.fill;
      mark.style.borderColor = style.outline;
      return mark;
    }

    function show(collection) {
      const features = collection.features;
      features.forEach((f, i) => { f.properties.index = i; });
      layer = L.geoJSON(collection, {
        pmIgnore: true, interactive: false,
        style: (f) => {
          const s = options.styleOf(f.properties.index);
          return { color: s.outline, fillColor: s.fill, weight: 3, fillOpacity: s.fillOpacity || 0.45, dashArray: s.dashArray || null };
        },
        onEachFeature: (f, shape) => shape.bindTooltip(pieceLabel(f),
          { permanent: true, direction: "center", className: "piece-label" }),
      }).addTo(map);
      options.onShow && options.onShow();
      map.fitBounds(layer.getBounds(), { maxZoom: 18, padding: [30, 30] });  // close enough to read the labels
      const items = features.map((f) => el("li", {}, swatch(options.styleOf(f.properties.index)),
        texts.piece.replace("{code}", f.properties.code).replace("{area}", f.properties.area_text)));
      region.replaceChildren(el("p", { textContent: options.heading(features) }),
                             el("ul", { className: "planned-parcels" }, ...items));
      button.disabled = false;
    }

    function refuse(problem) {
      // as the page shows a refused form: each field's label, then its message
      const lines = problem.errors
        ? Object.entries(problem.errors).map(([field, message]) =>
          // label：message in Chinese, no space after its full-width colon
          (field in labels ? texts.field.replace("{label}", labels[field]).replace("{message}", () => message) : message))
        : [problem.detail || problem.title];
      region.replaceChildren(el("ul", { className: "field-errors", role: "alert" },
                                ...lines.map((line) => el("li", { textContent: line }))));
    }

    function unavailable(reason) {
      // the server decides on saving anyway: a preview that failed must not keep the planner from it
      region.replaceChildren(el("p", { className: "hint", textContent: texts.unavailable.replace("{reason}", reason) }));
      button.disabled = false;
    }

    async function run() {
      const ticket = ++asked;
      button.disabled = true;
      clear();
      region.replaceChildren(el("p", { className: "hint", textContent: texts.checking }));
      let response;
      let body;
      try {
        response = await fetch(options.url, { method: "POST", credentials: "same-origin",
                                              headers: { Accept: "application/json" }, body: new FormData(form) });
        body = await response.json();
      } catch (error) {
        if (ticket === asked) { clear(); unavailable(response ? String(response.status) : error.message); }
        return;
      }
      if (ticket !== asked) { return; }
      clear();
      if (response.ok) { show(body); } else if (response.status < 500) { refuse(body); } else { unavailable(String(response.status)); }
    }

    // nothing to preview yet (no line drawn, nothing typed or ticked): nothing to save either
    function idle() {
      asked += 1;
      clear();
      button.disabled = true;
    }

    return { run, idle };
  };
}());
