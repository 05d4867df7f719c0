// The map's program in the browser (the app's map and the Compare page's two maps).
// Served as a static file (its name a hash of its content, geo.map.leaflet.program_name)
// and loaded after Leaflet; the base map's script then runs
// "window.NT = window.NT_MAP(map, dataUrl, tints, otherFill, coast, frame, farUrl, texts);" with
// the data as script-safe JSON; ``texts`` are the words it shows, in the reader's language
// (geo.map.leaflet.js_texts): none is written here. It loads the geometry file once and draws named slots of
// layers that Python's NT.<fn>(slot, spec) calls fill in (see geo.map.leaflet.Call).
// Uses streamlit-folium's frontend globals (window.__GLOBAL_DATA__, window.Streamlit):
// see NT.click, and tests/test_map_internals.py which checks that they still exist.
window.NT_MAP = function (map, url, tints, other, coast, frame, farUrl, texts) {
  var NT = {map: map, byId: {}};
  // The map never shows past the frame the land was cut to (no cut edge in sight): the
  // view is kept inside it, and the least zoom is the one at which it fills the map.
  var limits = L.latLngBounds(frame);
  function fitFrame() {
    map.setMaxBounds(limits);
    map.options.maxBoundsViscosity = 1.0;
    map.setMinZoom(Math.max(3, map.getBoundsZoom(limits, true)));
  }
  map.whenReady(fitFrame);
  map.on("resize", fitFrame);
  // Leaflet's keyboard handler focuses the map on every mousedown; on a touch screen that
  // focus moves the tap's click off the island onto the map (nothing selected). The map
  // still takes the focus from the Tab key (arrow keys pan it).
  if (map.keyboard && map.keyboard._onMouseDown) {
    L.DomEvent.off(map.getContainer(), "mousedown", map.keyboard._onMouseDown, map.keyboard);
  }
  // What a screen reader is told the map is; Python sends the text (NT.describe).
  var box = map.getContainer();
  box.setAttribute("role", "region");
  box.setAttribute("aria-roledescription", texts.map);
  NT.describe = function (_, text) { box.setAttribute("aria-label", text); };
  // A tooltip stays inside the map: where Leaflet would put it past an edge, it is
  // moved back in (the map's frame cuts off anything outside it).
  if (!L.Tooltip.prototype.ntClamped) {
    var setPosition = L.Tooltip.prototype._setPosition;
    L.Tooltip.prototype._setPosition = function (pos) {
      setPosition.call(this, pos);
      var el = this._container, m = this._map;
      if (!el || !m) return;
      // measured as drawn: Leaflet's direction classes add a margin (6 px) to the position
      var r = el.getBoundingClientRect(), c = m.getContainer().getBoundingClientRect();
      var left = r.left - c.left, top = r.top - c.top;
      var x = Math.min(Math.max(left, 4), Math.max(4, c.width - r.width - 4));
      var y = Math.min(Math.max(top, 4), Math.max(4, c.height - r.height - 4));
      if (x !== left || y !== top) {
        L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([x - left, y - top]));
      }
    };
    L.Tooltip.prototype.ntClamped = true;
  }
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
    box.textContent = texts.failed.split("{error}").join(String(err));
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
  // Context land (its cut edges are covered by the seams, NT.layer "seams"); the far
  // context around the region from its own file, once the map is drawn, under the rest.
  function context(features) {
    return L.geoJson({type: "FeatureCollection", features: features.filter(function (f) {
      return f.properties.kind === "context"; })}, {interactive: false, style: function (f) {
        return {fillColor: tints[f.properties.country] || other, fillOpacity: 1,
                color: coast, weight: 0.6};
      }}).addTo(map);
  }
  NT.geo.then(function (d) {
    context(d.features);
    NT.queue.then(function () {
      return fetch(farUrl).then(function (r) { return r.ok ? r.json() : {features: []}; })
        .then(function (far) { context(far.features).bringToBack(); });
    }).catch(function (e) { console.error(e); });
  }).catch(function (err) { fail(err.message || err); });
  // A click goes to Python at once, not after streamlit-folium's 250 ms
  // debounce. It sends what streamlit-folium would send (same keys and
  // values) and records it as sent, so the debounced update adds nothing.
  NT.click = function (e) {
    var g = window.__GLOBAL_DATA__, S = window.Streamlit;
    if (e.originalEvent) L.DomEvent.stopPropagation(e.originalEvent);
    if (e.target && e.target !== map) NT.hit = Date.now();
    if (!g || !S) return;
    g.last_object_clicked = e.latlng || null;
    // The feature without its geometry: Python needs only its properties (id), and
    // a large island's coordinates would make every click's message heavy.
    var f = e.target.feature || e.target.ntFeature || {};
    g.last_active_drawing = {type: "Feature", properties: f.properties || {}, geometry: null};
    var data = {}, all = {last_object_clicked: g.last_object_clicked,
                          last_active_drawing: g.last_active_drawing};
    ["last_object_clicked", "last_active_drawing"].forEach(function (k) {
      if (g.returned_objects.indexOf(k) >= 0) data[k] = all[k];
    });
    g.previous_data = data;
    S.setComponentValue(data);
  };
  // A click on the sea (no feature under it) clears the selection: it is sent as a
  // feature with no id. Leaflet fires the map's click for a click on a shape too, even
  // after stopPropagation (tried: every island click was then cleared), so a click that
  // NT.click has just handled for a feature (NT.hit) is not the sea's.
  map.on("click", function (e) {
    if (NT.hit && Date.now() - NT.hit < 50) return;
    NT.click({latlng: e.latlng, target: {feature: {properties: {id: null}}}});
  });
  // Layers live in named slots on the map, not in streamlit-folium's feature
  // groups: each rerun sends every slot's spec again, and only a slot whose
  // spec changed is rebuilt (a click rebuilds the selection, not the land).
  NT.slots = {};
  // Map shapes are out of the Tab order (the island list beside the map does what a
  // click does); Leaflet would otherwise leave unnamed focusable paths.
  function unfocusable(e) {
    var el = e.target.getElement && e.target.getElement();
    if (el) { el.setAttribute("tabindex", "-1"); el.setAttribute("aria-hidden", "true"); }
  }
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
          l.on("add", unfocusable);
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
            l.on("add", unfocusable);
            var tip = spec.tips[f.properties.id];
            if (tip) l.bindTooltip(tip, {sticky: true});
            else if (l.options) l.options.interactive = false;
          }
        });
        NT.slots[name] = {key: key, layer: layer.addTo(map)};
      }).catch(function (err) { delete NT.files[spec.url]; throw err; });
    });
  };
  NT.points = function (name, items) {  // circle markers (a tooltip if any), no click
    slot(name, items, function (items) {
      return L.featureGroup(items.map(function (it) {
        var m = L.circleMarker([it.lat, it.lon], it.style);
        m.on("add", unfocusable);
        return it.tip ? m.bindTooltip(it.tip) : m;
      }));
    });
  };
  // Labels: placed in priority order, each at the first side and point where it fits
  // (window.NT_PLACE, geo/map/place.js, served with this program).
  NT.labels = function (name, items) {
    slot(name, items, function (items) {
      var group = L.layerGroup();
      group.ntLabels = items.map(function (it, i) {
        var m = L.marker([it.lat, it.lon], {interactive: !!it.select, keyboard: false,
          icon: L.divIcon({html: it.html, className: it.cls, iconSize: [0, 0]})});
        if (it.select) {  // a group's name selects the group (its members are small)
          m.ntFeature = {properties: {id: it.select}};
          m.on("click", NT.click);
          if (it.tip) m.bindTooltip(it.tip, {direction: "top"});
        }
        m.addTo(group);
        return {marker: m, item: it, order: i};
      });
      return group;
    });
    later(function () { NT.place(); });
  };
  NT.place = function () {
    var all = [];
    Object.keys(NT.slots).forEach(function (n) {
      (NT.slots[n].layer.ntLabels || []).forEach(function (l) { all.push(l); });
    });
    window.NT_PLACE(map, all);
  };
  var pending = false;
  function replace() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; NT.place(); });
  }
  map.on("moveend zoomend resize", replace);
  return NT;
};
