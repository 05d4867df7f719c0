// The exported atlas (python -m geo.export atlas): one self-contained page.
//
// Everything it shows comes from the JSON in <script id="nt-data"> (written by
// geo/export.py with geo.safe.script_json). Text from the data reaches the page only
// as DOM text (textContent, inside <bdi> so that right-to-left text stays isolated),
// never as HTML: no innerHTML, no template, no eval. Leaflet is inlined before it.
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("nt-data").textContent);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // A tooltip: its first line bold, every line isolated (bdi), empty lines left out.
  function tip(lines) {
    var box = el("div", "nt-tip"), first = true;
    lines.forEach(function (line) {
      if (!line) return;
      if (!first) box.appendChild(document.createElement("br"));
      var text = el("bdi", null, line);
      if (first) {
        var b = el("b");
        b.appendChild(text);
        box.appendChild(b);
      } else {
        box.appendChild(text);
      }
      first = false;
    });
    return box;
  }

  function label(item) {
    var div = el("div");
    div.appendChild(el("bdi", null, item.main));
    if (item.second) {
      var span = el("span");
      span.appendChild(el("bdi", null, item.second));
      div.appendChild(span);
    }
    return L.marker([item.lat, item.lon], {
      interactive: false, keyboard: false,
      icon: L.divIcon({html: div, className: item.cls, iconSize: [0, 0]})
    });
  }

  function collection(items) {
    return {type: "FeatureCollection", features: items.map(function (it) {
      return {type: "Feature", properties: {id: it.id}, geometry: it.geometry};
    })};
  }

  // A GeoJSON layer of items {id, geometry}, styled per id, with tooltips per id.
  function shapes(items, styles, tips, interactive) {
    return L.geoJSON(collection(items), {
      interactive: interactive,
      style: function (f) { return styles[f.properties.id]; },
      onEachFeature: function (f, layer) {
        var t = tips && tips[f.properties.id];
        if (t && interactive) layer.bindTooltip(tip(t), {sticky: true});
      }
    });
  }

  var map = L.map("map", {minZoom: 3, maxZoom: 12, zoomSnap: 1});
  window.map = map;
  function zoomClass() {  // secondary label lines only when zoomed in enough (as the app)
    var z = map.getZoom(), c = map.getContainer().classList;
    c.toggle("nt-zoom-far", z < 6);
    c.toggle("nt-zoom-mid", z < 8);
  }
  map.on("zoomend", zoomClass);
  L.control.scale().addTo(map);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(el("span", null, d.attribution).outerHTML);

  // Land that never changes: named land (with tooltips) and context land (without).
  var named = d.land.filter(function (x) { return x.tip; });
  var context = d.land.filter(function (x) { return !x.tip; });
  var landStyles = {}, landTips = {};
  d.land.forEach(function (x) { landStyles[x.id] = x.style; landTips[x.id] = x.tip; });
  shapes(context, landStyles, null, false).addTo(map);
  shapes(named, landStyles, landTips, true).addTo(map);

  // One layer per scenario: the disputed islands styled as it says.
  var scenarioLayers = {};
  d.scenarios.forEach(function (sc) {
    scenarioLayers[sc.id] = shapes(d.islands, sc.styles, sc.tips, true);
  });

  // Overlays: the straits (lines and labels), the cited points, the labels.
  var straits = L.layerGroup();
  var strStyles = {}, strTips = {};
  d.straits.forEach(function (s) {
    strStyles[s.id] = s.style;
    strTips[s.id] = s.tip;
    label(s.label).addTo(straits);
  });
  shapes(d.straits, strStyles, strTips, true).addTo(straits);
  var points = L.layerGroup();
  d.points.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], p.style).bindTooltip(tip(p.tip)).addTo(points);
  });
  var labels = L.layerGroup();
  d.labels.forEach(function (it) { label(it).addTo(labels); });
  var overlays = [[straits, d.overlay_titles.straits], [points, d.overlay_titles.points],
                  [labels, d.overlay_titles.labels]];
  overlays.forEach(function (o) { o[0].addTo(map); });

  var current = null;
  function show(sid) {
    if (current) map.removeLayer(scenarioLayers[current]);
    current = sid;
    scenarioLayers[sid].addTo(map);
    [straits, points].forEach(function (g) {  // lines and points above the islands
      if (map.hasLayer(g)) g.eachLayer(function (l) { if (l.bringToFront) l.bringToFront(); });
    });
  }

  // The switch (top right): one radio per scenario, one checkbox per overlay.
  var Switch = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      var box = el("form", "nt-switch leaflet-control-layers leaflet-control-layers-expanded");
      var radios = el("fieldset");
      radios.appendChild(el("legend", null, d.switch_titles.scenarios));
      d.scenarios.forEach(function (sc) {
        var lab = el("label"), input = el("input");
        input.type = "radio";
        input.name = "nt-scenario";
        input.value = sc.id;
        input.checked = sc.id === d.default_scenario;
        input.addEventListener("change", function () { if (input.checked) show(sc.id); });
        lab.appendChild(input);
        lab.appendChild(el("bdi", null, sc.short_title));
        radios.appendChild(lab);
      });
      box.appendChild(radios);
      var checks = el("fieldset");
      checks.appendChild(el("legend", null, d.switch_titles.overlays));
      overlays.forEach(function (o) {
        var lab = el("label"), input = el("input");
        input.type = "checkbox";
        input.checked = true;
        input.addEventListener("change", function () {
          if (input.checked) { o[0].addTo(map); show(current); } else map.removeLayer(o[0]);
        });
        lab.appendChild(input);
        lab.appendChild(el("span", null, o[1]));
        checks.appendChild(lab);
      });
      box.appendChild(checks);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Switch().addTo(map);

  // The legend (bottom right): swatches drawn from the app's palette, texts as text.
  var Legend = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = el("div", "nt-legend");
      box.appendChild(el("h4", null, d.legend.title));
      d.legend.items.forEach(function (it) {
        var row = el("div"), sw = el("span", it.dot ? "dot" : "sw");
        if (it.dot) {
          sw.style.background = it.fill || "transparent";
          sw.style.border = "2px " + (it.dashed ? "dashed " : "solid ") + it.dot;
        } else if (it.line) {
          sw.style.border = "0";
          sw.style.borderTop = "3px " + (it.dashed ? "dotted " : "solid ") + it.fill;
          sw.style.height = "0";
        } else {
          sw.style.background = it.fill || "transparent";
          if (it.dashed) sw.style.border = "2px dashed " + d.legend.outline;
        }
        row.appendChild(sw);
        row.appendChild(el("bdi", null, it.label));
        box.appendChild(row);
      });
      d.legend.notes.forEach(function (n) { box.appendChild(el("p", null, n)); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  new Legend().addTo(map);

  show(d.default_scenario);
  map.fitBounds(d.start);
  zoomClass();
})();
