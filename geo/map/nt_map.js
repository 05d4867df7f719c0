// The map's program in the browser (the app's map and the Compare page's two maps).
// geo.map.leaflet sends this file as it is (this header left out), followed by the call
// "(map, dataUrl, tints, otherFill, coast);" with the data as script-safe JSON: the
// value of `window.NT` is this function applied to them. It loads the geometry file once
// and draws named slots of layers that Python's NT.<fn>(slot, spec) calls fill in
// (see geo.map.leaflet.Call).
// Uses streamlit-folium's frontend globals (window.__GLOBAL_DATA__, window.Streamlit):
// see NT.click, and tests/test_map_internals.py which checks that they still exist.
window.NT = (function (map, url, tints, other, coast) {
  var NT = {map: map, byId: {}};
  function zoomClass() {  // secondary label lines only when zoomed in enough
    var z = map.getZoom(), c = map.getContainer().classList;
    c.toggle("nt-zoom-far", z < 6);
    c.toggle("nt-zoom-mid", z < 8);
  }
  map.on("zoomend", zoomClass);
  zoomClass();
  function fail(err) {
    var box = document.createElement("div");
    box.className = "nt-error";
    box.textContent = "The map data could not be loaded (" + err + "). Reload the page.";
    map.getContainer().appendChild(box);
  }
  performance.mark("nt-map");
  NT.geo = fetch(url).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(function (d) {
    d.features.forEach(function (f) { NT.byId[f.properties.id] = f; });
    performance.mark("nt-data");
    return d;
  });
  NT.geo.then(function (d) {
    L.geoJson({type: "FeatureCollection", features: d.features.filter(function (f) {
      return f.properties.kind === "context"; })}, {interactive: false, style: function (f) {
        return {fillColor: tints[f.properties.country] || other, fillOpacity: 1,
                color: coast, weight: 0.6};
      }}).addTo(map);
  }).catch(function (err) { fail(err.message || err); });
  // A click goes to Python at once, not after streamlit-folium's 250 ms
  // debounce. It sends what streamlit-folium would send (same keys and
  // values) and records it as sent, so the debounced update adds nothing.
  NT.click = function (e) {
    var g = window.__GLOBAL_DATA__, S = window.Streamlit;
    if (!g || !S) return;
    g.last_object_clicked = e.latlng || null;
    // The feature without its geometry: Python needs only its properties (id), and
    // a large island's coordinates would make every click's message heavy.
    var f = e.target.feature || {};
    g.last_active_drawing = {type: "Feature", properties: f.properties || {}, geometry: null};
    var data = {}, all = {last_object_clicked: g.last_object_clicked,
                          last_active_drawing: g.last_active_drawing};
    ["last_object_clicked", "last_active_drawing"].forEach(function (k) {
      if (g.returned_objects.indexOf(k) >= 0) data[k] = all[k];
    });
    g.previous_data = data;
    S.setComponentValue(data);
  };
  // Layers live in named slots on the map, not in streamlit-folium's feature
  // groups: each rerun sends every slot's spec again, and only a slot whose
  // spec changed is rebuilt (a click rebuilds the selection, not the land).
  NT.slots = {};
  NT.queue = NT.geo;
  function later(fn) { NT.queue = NT.queue.then(fn).catch(function (e) { console.error(e); }); }
  NT.begin = function () { later(function () { NT.used = []; }); };
  NT.end = function () {
    later(function () {
      Object.keys(NT.slots).forEach(function (name) {
        if (NT.used.indexOf(name) < 0) { map.removeLayer(NT.slots[name].layer); delete NT.slots[name]; }
      });
      NT.used.forEach(function (name) { // drawing order: the order of this run
        var s = NT.slots[name];
        if (s && s.layer.bringToFront) s.layer.bringToFront();
      });
      performance.mark("nt-drawn");
    });
  };
  function slot(name, spec, build) {
    later(function () {
      var key = JSON.stringify(spec), old = NT.slots[name];
      NT.used.push(name);
      if (old && old.key === key) return;
      if (old) map.removeLayer(old.layer);
      NT.slots[name] = {key: key, layer: build(spec).addTo(map)};
    });
  }
  NT.layer = function (name, spec) {
    slot(name, spec, function (spec) {
      var feats = spec.ids.map(function (id) { return NT.byId[id]; }).filter(Boolean);
      var layer = L.geoJson({type: "FeatureCollection", features: feats}, {
        interactive: spec.interactive,
        style: function (f) { return spec.styles[f.properties.id]; },
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, Object.assign({radius: 8}, spec.styles[f.properties.id]));
        },
        onEachFeature: function (f, l) {
          var tip = spec.tips && spec.tips[f.properties.id];
          if (tip) l.bindTooltip(tip, {sticky: true});
          if (!spec.interactive) return;
          l.on("click", NT.click);
          if (spec.highlight) {
            l.on("mouseover", function () { l.setStyle(spec.highlight); });
            l.on("mouseout", function () { layer.resetStyle(l); });
          }
        }
      });
      return layer;
    });
  };
  // A layer from its own static JSON file (the sea division), fetched once per URL.
  NT.files = {};
  NT.remote = function (name, spec) {
    later(function () {
      var key = JSON.stringify(spec), old = NT.slots[name];
      NT.used.push(name);
      if (old && old.key === key) return;
      if (!NT.files[spec.url]) NT.files[spec.url] = fetch(spec.url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      return NT.files[spec.url].then(function (d) {
        if (old) map.removeLayer(old.layer);
        var layer = L.geoJson(d, {
          style: function (f) { return spec.styles[f.properties.id]; },
          onEachFeature: function (f, l) {
            var tip = spec.tips[f.properties.id];
            if (tip) l.bindTooltip(tip, {sticky: true});
            else if (l.options) l.options.interactive = false;
          }
        });
        NT.slots[name] = {key: key, layer: layer.addTo(map)};
      }).catch(function (err) { delete NT.files[spec.url]; throw err; });
    });
  };
  NT.points = function (name, items) {  // circle markers with a tooltip, no click
    slot(name, items, function (items) {
      return L.featureGroup(items.map(function (it) {
        return L.circleMarker([it.lat, it.lon], it.style).bindTooltip(it.tip);
      }));
    });
  };
  NT.labels = function (name, items) {
    slot(name, items, function (items) {
      return L.layerGroup(items.map(function (it) {
        return L.marker([it.lat, it.lon], {interactive: false, keyboard: false,
          icon: L.divIcon({html: it.html, className: it.cls, iconSize: [0, 0]})});
      }));
    });
  };
  return NT;
})
