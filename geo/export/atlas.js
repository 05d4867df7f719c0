// The static explorer (python -m geo.export atlas): one self-contained page, no server.
//
// Everything it shows comes from the JSON in <script id="nt-data"> (geo/export/atlas.py,
// written with geo.safe.script_json): the app's map under every view and names convention
// (d.map: its layers, styles and tooltips) and the app's panels (d.panel: cards, quotes,
// views' figures). Text from the data reaches the page only as DOM text (textContent,
// inside <bdi> so that right-to-left text stays isolated), never as HTML: no innerHTML,
// no template, no eval. The state (view, selection, names, overlays) lives in the URL's
// hash. Leaflet is inlined before this script.
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("nt-data").textContent);
  var M = d.map, P = d.panel, UI = P.ui;
  // The page's language, its program's own words in it and its siblings in the others
  // (geo.export.atlas.page_part).
  var PAGE = d.page, W = PAGE.words;

  // --- helpers ---------------------------------------------------------------------
  function has(obj, key) {
    return typeof key === "string" && Object.prototype.hasOwnProperty.call(obj, key);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function bdi(text) { return el("bdi", null, text); }
  function add(parent) {  // add(parent, child, ...): children that are strings become text
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === "") continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function http(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function link(text, url) {  // a reference's title: a link if it has an http(s) address
    if (!http(url)) return bdi(text);
    var a = el("a");
    a.href = url;
    a.rel = "noopener noreferrer external";
    a.appendChild(bdi(text));
    return a;
  }
  // A tooltip: lines of [bold, rest] (geo.export.plain.tip_lines), each part isolated.
  function tip(lines) {
    var box = el("div", "nt-tip");
    (lines || []).forEach(function (line, i) {
      if (i) box.appendChild(el("br"));
      if (line[0]) add(box, add(el("b"), bdi(line[0])), line[1] ? " " : "");
      if (line[1]) box.appendChild(bdi(line[1]));
    });
    return box;
  }

  // --- the state and the URL's hash ------------------------------------------------
  var views = {}, order = [];
  P.views.forEach(function (v) { views[v.id] = v; order.push(v.id); });
  var OVERLAYS = Object.keys(P.overlay_labels);
  // The guided story's steps (geo.export.explorer.story_part), those whose view is here.
  var S = d.story, SU = S.ui, steps = {}, stepOrder = [];
  S.steps.forEach(function (st) {
    if (has(views, st.view)) { steps[st.id] = st; stepOrder.push(st.id); }
  });
  function defaults() {
    var on = {};
    OVERLAYS.forEach(function (k) { on[k] = d.default.overlays.indexOf(k) >= 0; });
    return {view: d.default.view, feature: null, names: d.default.names, overlays: on,
            story: null};
  }
  // scenario=<view>&feature=<id>&names=ja|ru|both&straits=0|1&security=0|1&labels=0|1
  // (the app's URL parameters), story=<step> (the story's step: its view); a value this
  // page does not know is ignored.
  function fromHash() {
    var s = defaults(), h = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i < 1) return;
      try {
        h[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
      } catch (e) { /* a malformed escape: ignored */ }
    });
    if (has(views, h.scenario)) s.view = h.scenario;
    if (has(steps, h.story)) { s.story = h.story; s.view = steps[h.story].view; }
    if (has(P.names_labels, h.names)) s.names = h.names;
    if (P.choices.indexOf(h.feature) >= 0) s.feature = h.feature;
    OVERLAYS.forEach(function (k) {
      if (h[k] === "1" || h[k] === "0") s.overlays[k] = h[k] === "1";
    });
    return s;
  }
  function toHash(s) {
    var base = defaults(), parts = [];
    if (s.story) parts.push("story=" + encodeURIComponent(s.story));
    else if (s.view !== base.view) parts.push("scenario=" + encodeURIComponent(s.view));
    if (s.feature) parts.push("feature=" + encodeURIComponent(s.feature));
    if (s.names !== base.names) parts.push("names=" + encodeURIComponent(s.names));
    OVERLAYS.forEach(function (k) {
      if (s.overlays[k] !== base.overlays[k]) parts.push(k + "=" + (s.overlays[k] ? "1" : "0"));
    });
    return parts.length ? "#" + parts.join("&") : "";
  }
  var state = fromHash();

  // --- the map -----------------------------------------------------------------------
  var map = L.map("map", {minZoom: 3, maxZoom: 12, zoomSnap: 1, zoomControl: false});
  window.map = map;
  L.control.zoom({zoomInTitle: W.zoom_in, zoomOutTitle: W.zoom_out}).addTo(map);
  var box = map.getContainer();
  box.setAttribute("aria-roledescription", W.map);
  // The view stays inside the frame the land was cut to (no cut edge in sight).
  var limits = L.latLngBounds(M.frame);
  function fitFrame() {
    map.setMaxBounds(limits);
    map.options.maxBoundsViscosity = 1.0;
    map.setMinZoom(Math.max(3, map.getBoundsZoom(limits, true)));
  }
  // Leaflet's keyboard handler focuses the map on mousedown, which moves a tap's click
  // off the island on a touch screen (as the app's map, geo/map/nt_map.js).
  if (map.keyboard && map.keyboard._onMouseDown) {
    L.DomEvent.off(box, "mousedown", map.keyboard._onMouseDown, map.keyboard);
  }
  function zoomClass() {  // secondary label lines only when zoomed in enough (as the app)
    var z = map.getZoom(), c = box.classList;
    c.toggle("nt-zoom-far", z < 6);
    c.toggle("nt-zoom-mid", z < 8);
  }
  map.on("zoomend", zoomClass);
  L.control.scale().addTo(map);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution(el("span", null, d.attribution).outerHTML);

  var byId = {};
  M.features.forEach(function (f) { byId[f.properties.id] = f; });
  // The context land (the app draws it from its geometry files, under everything).
  L.geoJSON({type: "FeatureCollection", features: M.features.filter(function (f) {
    return f.properties.kind === "context"; })}, {interactive: false, style: function (f) {
      return {fillColor: M.tints[f.properties.country] || M.other, fillOpacity: 1,
              color: M.coast, weight: 0.6};
    }}).addTo(map);

  function tipsOf(name) {
    var t = M.views[state.view][state.names].tips;
    return has(t, name) ? t[name] : {};
  }
  function unfocusable(e) {  // shapes out of the Tab order: the list does what a click does
    var p = e.target.getElement && e.target.getElement();
    if (p) { p.setAttribute("tabindex", "-1"); p.setAttribute("aria-hidden", "true"); }
  }
  var hit = 0;  // when a shape last took a click (the map's click then is not the sea's)
  function clicked(id) {
    hit = Date.now();
    var fid = has(M.aliases, id) ? M.aliases[id] : id;
    if (P.choices.indexOf(fid) >= 0) select(fid, false);
  }
  map.on("click", function () { if (Date.now() - hit > 50) select(null, false); });

  // Each slot (a layer of the app's map, geo.export.atlas_map) is built once, when first shown.
  var built = {};
  function buildLayer(key) {
    var s = M.slots[key], layer;
    if (s.fn === "layer") {
      var tipped = {};
      s.tipped.forEach(function (id) { tipped[id] = true; });
      layer = L.geoJSON({type: "FeatureCollection", features: s.ids.map(function (id) {
        return byId[id]; }).filter(Boolean)}, {
        interactive: s.interactive,
        style: function (f) { return s.styles[f.properties.id]; },
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, L.extend({radius: 8}, s.styles[f.properties.id]));
        },
        onEachFeature: function (f, l) {
          var id = f.properties.id;
          l.on("add", unfocusable);
          if (tipped[id]) {
            l.bindTooltip(function () { return tip(tipsOf(s.name)[id]); }, {sticky: true});
          }
          if (!s.interactive) return;
          l.on("click", function () { clicked(id); });
          if (s.highlight) {
            l.on("mouseover", function () { l.setStyle(s.highlight); });
            l.on("mouseout", function () { layer.resetStyle(l); });
          }
        }
      });
    } else if (s.fn === "points") {
      layer = L.featureGroup(s.items.map(function (it) {
        var m = L.circleMarker([it.lat, it.lon], it.style);
        m.on("add", unfocusable);
        if (it.id && tipsOf(s.name)[it.id]) {
          m.bindTooltip(function () { return tip(tipsOf(s.name)[it.id]); });
        }
        return m;
      }));
    } else {
      layer = L.layerGroup();
      layer.ntLabels = s.items.map(function (it, i) {
        var div = el("div");
        div.appendChild(bdi(it.text[0]));
        if (it.text[1]) div.appendChild(add(el("span"), bdi(it.text[1])));
        var m = L.marker([it.lat, it.lon], {interactive: !!it.select, keyboard: false,
          icon: L.divIcon({html: div, className: it.cls, iconSize: [0, 0]})});
        if (it.select) {  // a group's name selects the group (its members are small)
          m.on("click", function () { clicked(it.select); });
          if (it.tip) m.bindTooltip(tip(it.tip), {direction: "top"});
        }
        m.addTo(layer);
        return {marker: m, item: it, order: i};
      });
    }
    built[key] = layer;
    return layer;
  }

  // Labels: placed by priority, each where it fits, else hidden (window.NT_PLACE, the
  // app's placement: geo/map/place.js, inlined before this program).
  var shown = [];  // the slots on the map, in drawing order
  function place() {
    var all = [];
    shown.forEach(function (key) { (built[key].ntLabels || []).forEach(function (l) { all.push(l); }); });
    window.NT_PLACE(map, all);
  }
  var pending = false;
  function replace() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; place(); });
  }
  map.on("moveend zoomend resize", replace);

  // The slots the state shows: the view's (those of overlays switched off left out), the
  // selection's over them.
  function wanted() {
    var keys = [];
    M.views[state.view][state.names].order.forEach(function (o) {
      if (o[0] === null || state.overlays[o[0]]) keys.push(o[1]);
    });
    return keys.concat(state.feature ? M.selection[state.feature] || [] : []);
  }
  function drawMap() {
    var want = wanted();
    shown.forEach(function (key) { if (want.indexOf(key) < 0) map.removeLayer(built[key]); });
    want.forEach(function (key) {
      var layer = built[key] || buildLayer(key);
      if (!map.hasLayer(layer)) layer.addTo(map);
    });
    want.forEach(function (key) { if (built[key].bringToFront) built[key].bringToFront(); });
    shown = want;
    var on = OVERLAYS.filter(function (k) { return k !== "labels" && state.overlays[k]; });
    var said = M.views[state.view][state.names].describe;
    box.setAttribute("aria-label", said[on.join(",")] || d.title);
    replace();
  }

  // --- the panel -------------------------------------------------------------------------
  var side = document.getElementById("nt-side");
  side.setAttribute("aria-labelledby", "nt-title");
  var bar = add(el("div", "nt-bar"), el("h1", null, d.title));
  bar.firstChild.id = "nt-title";
  var toggle = el("button", "nt-toggle", UI.hide);
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "true");
  toggle.setAttribute("aria-controls", "nt-body");
  bar.appendChild(toggle);
  var body = el("div", "nt-body");
  body.id = "nt-body";
  add(side, bar, body);
  toggle.addEventListener("click", function () {
    var open = side.classList.toggle("nt-collapsed") === false;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.textContent = open ? UI.hide : UI.show;
    map.invalidateSize();
  });

  // The language switch: the same page in the other languages (sibling files), each
  // language named in its own language, the current one marked.
  function sibling(href) { return typeof href === "string" && /^[\w.~%-]+$/.test(href) ? href : null; }
  if (PAGE.languages.length) {
    var langs = el("nav", "nt-langs");
    langs.setAttribute("aria-label", W.languages);
    PAGE.languages.forEach(function (l, i) {
      if (i) langs.appendChild(document.createTextNode(" · "));
      var a = el("a", null, l.label);
      if (sibling(l.href)) a.href = sibling(l.href);
      a.lang = l.lang;
      a.hreflang = l.lang;
      if (l.current) a.setAttribute("aria-current", "page");
      langs.appendChild(a);
    });
    body.appendChild(langs);
  }

  var controls = el("div", "nt-controls nt-switch");
  function field(id, text, control) {
    var lab = el("label", "nt-field", text);
    lab.htmlFor = id;
    control.id = id;
    add(controls, lab, control);
    return control;
  }
  var viewBox = field("nt-view-select", UI.view, el("select"));
  order.forEach(function (vid) {
    var o = el("option", null, views[vid].short_title);
    o.value = vid;
    viewBox.appendChild(o);
  });
  viewBox.addEventListener("change", function () { state.story = null; setView(viewBox.value); });
  var featureBox = field("nt-feature", UI.feature, el("select"));
  featureBox.addEventListener("change", function () { select(featureBox.value || null, true); });
  function fieldset(text, type, name, items, checked, onChange) {
    var fs = add(el("fieldset", "nt-inline"), el("legend", null, text));
    items.forEach(function (it) {
      var lab = el("label"), input = el("input");
      input.type = type;
      input.name = name;
      input.value = it[0];
      input.checked = checked(it[0]);
      input.addEventListener("change", function () { onChange(it[0], input.checked); });
      add(lab, input, " ", bdi(it[1]));
      fs.appendChild(lab);
    });
    controls.appendChild(fs);
    return fs;
  }
  var namesBox = fieldset(UI.names, "radio", "nt-names", Object.keys(P.names_labels).map(
    function (k) { return [k, P.names_labels[k]]; }), function (k) { return k === state.names; },
    function (k, on) { if (on) { state.names = k; update(); } });
  var overlayBox = fieldset(UI.overlays, "checkbox", "nt-overlay", OVERLAYS.map(function (k) {
    return [k, P.overlay_labels[k]]; }), function (k) { return state.overlays[k]; },
    function (k, on) { state.overlays[k] = on; update(); });
  var card = el("section", "nt-card");
  card.id = "nt-card";
  card.setAttribute("aria-labelledby", "nt-card-h");
  var viewPanel = el("section", "nt-view");
  viewPanel.id = "nt-view";
  viewPanel.setAttribute("aria-labelledby", "nt-view-h");
  var about = el("details", "nt-about");
  add(about, el("summary", null, UI.about));
  P.about.forEach(function (b) { about.appendChild(block(b)); });
  add(about, el("p", "nt-caption", UI.neutrality));
  var storyBox = el("section", "nt-story");
  storyBox.id = "nt-story";
  storyBox.setAttribute("aria-labelledby", "nt-story-h");
  var share = el("details", "nt-share");
  add(body, storyBox, controls, card, viewPanel, about, share);
  [card, viewPanel, storyBox].forEach(function (s) { s.setAttribute("role", "region"); });

  // --- the panels' blocks (geo.panels, as the app's ui/panels/blocks.py shows them) ---------
  function rows(list) {  // [label, value] rows: "label: value", the label in bold
    var p = el("p", "nt-rows");
    list.forEach(function (r, i) {
      if (i) p.appendChild(el("br"));
      add(p, add(el("b"), bdi(r.label), ":"), " ", bdi(r.value));
    });
    return p;
  }
  function refsInline(refs, docs) {  // "ref; ref; docs" (geo.panels.quote.Aside)
    var out = el("span"), first = true;
    refs.forEach(function (r) {
      if (!first) out.appendChild(document.createTextNode("; "));
      out.appendChild(link(r.label, r.url));
      first = false;
    });
    if (docs) add(out, first ? "" : "; ", bdi(docs));
    return out;
  }
  function quote(ref) {
    var q = P.quotes[ref.id], fig = el("figure", "nt-quote");
    add(fig, add(el("blockquote"), add(el("p"), bdi(q.quote))));
    var cap = el("figcaption", "nt-cite");
    add(cap, add(el("div"), bdi(q.byline)));
    add(cap, add(el("div"), bdi(q.where), " ", q.source_label, " ", add(el("cite"), bdi(q.source_title))));
    if (ref.about) add(cap, add(el("div"), add(el("i"), bdi(ref.about))));
    [q.speaker].concat(q.outlets).forEach(function (a) {
      add(cap, add(el("div", "nt-aside"), add(el("i"), bdi(a.label)), " ", bdi(a.text), " — ",
                   refsInline(a.refs, a.docs)));
    });
    fig.appendChild(cap);
    if (q.note) {
      var n = q.note, note = el("aside", "nt-note");
      note.setAttribute("role", "note");
      add(note, add(el("b"), n.label), " ", n.marker, " ", bdi(n.text), " — ",
          refsInline(n.refs, n.docs));
      fig.appendChild(note);
    }
    return fig;
  }
  function refList(b) {
    var frag = add(document.createDocumentFragment(), add(el("p"), el("b", null, b.title)));
    var ul = el("ul", "nt-refs");
    b.refs.forEach(function (r) { add(ul, add(el("li"), link(r.title, r.url), bdi(r.rest))); });
    frag.appendChild(ul);
    return frag;
  }
  function table(b) {
    var t = el("table"), head = el("tr"), tb = el("tbody");
    b.header.forEach(function (h) { head.appendChild(el("th", null, h)); });
    add(t, add(el("thead"), head), tb);
    b.rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (c) { tr.appendChild(add(el("td"), bdi(c))); });
      tb.appendChild(tr);
    });
    return t;
  }
  function legendBox(b) {
    var div = el("div", "nt-legend");
    b.parts.forEach(function (part) {
      if (part[0] !== null && !state.overlays[part[0]]) return;
      part[1].forEach(function (it) {
        var sw = el("span", "nt-sw");
        sw.style.cssText = it.swatch;  // the app's swatch (geo.map.legend.swatch_css)
        div.appendChild(add(el("div", "nt-legend-row"), sw, bdi(it.label)));
      });
    });
    return div;
  }
  function metrics(b) {
    var grid = el("div", "nt-metrics"), helps = [];
    grid.style.gridTemplateColumns = "repeat(" + b.columns + ", minmax(0, 1fr))";
    b.items.forEach(function (m) {
      add(grid, add(el("div", "nt-metric"), el("div", "nt-metric-label", m.label),
                    el("div", "nt-metric-value", m.value)));
      if (m.help && helps.indexOf(m.help) < 0) helps.push(m.help);
    });
    var frag = add(document.createDocumentFragment(), grid);
    helps.forEach(function (h) { frag.appendChild(el("p", "nt-caption", h)); });
    return frag;
  }
  function event(e) {
    var frag = document.createDocumentFragment();
    add(frag, add(el("p"), add(el("b"), bdi(e.span)), " · ", add(el("b"), bdi(e.title)), e.mark));
    add(frag, add(el("p"), bdi(e.summary)));
    if (e.changes) add(frag, add(el("p", "nt-caption"), bdi(e.changes)));
    var det = add(el("details"), el("summary", null, e.sources));
    e.quotes.forEach(function (q) { det.appendChild(quote(q)); });
    if (e.refs.length) det.appendChild(refList({title: e.refs_title, refs: e.refs}));
    if (!e.quotes.length && !e.refs.length) det.appendChild(el("p", null, e.empty));
    frag.appendChild(det);
    return frag;
  }
  function block(b) {
    switch (b.kind) {
      case "heading": return el("h3", null, b.text);
      case "para": return add(el("p"), bdi(b.text));
      case "strong": return add(el("p"), el("b", null, b.text));
      case "caption": return add(el("p", "nt-caption"), bdi(b.text));
      case "legend": return legendBox(b);
      case "metrics": return metrics(b);
      case "table": return table(b);
      case "refs": return refList(b);
      case "quotes": {
        var f = document.createDocumentFragment();
        b.quotes.forEach(function (q) { f.appendChild(quote(q)); });
        return f;
      }
      case "events": {
        var g = document.createDocumentFragment();
        b.events.forEach(function (e) { g.appendChild(event(e)); });
        return g;
      }
    }
    throw new Error("unknown block " + b.kind);
  }

  // The card (geo.panels.card, as ui/panels/card.py shows it): quotes by side, each side
  // folded; a side opened stays open from one card to the next, for comparing.
  var openSides = {};
  function sides(list, family) {
    var frag = document.createDocumentFragment();
    list.forEach(function (s) {
      var key = family + s.side, det = add(el("details", "nt-side"), el("summary", null, s.title));
      det.open = !!openSides[key];
      det.addEventListener("toggle", function () { openSides[key] = det.open; });
      s.topics.forEach(function (t) {
        det.appendChild(add(el("p"), el("b", null, t.label)));
        t.quotes.forEach(function (q) { det.appendChild(quote(q)); });
      });
      frag.appendChild(det);
    });
    return frag;
  }
  function renderCard() {
    card.textContent = "";
    var h = el("h2");
    h.id = "nt-card-h";
    card.appendChild(h);
    if (!state.feature) {
      h.textContent = UI.none;
      add(card, el("p", "nt-hint", UI.hint));
      return;
    }
    var c = P.cards[state.names][state.feature], v = views[state.view];
    h.appendChild(bdi(c.heading));
    card.appendChild(rows(c.names));
    var status = c.status.slice();
    if (has(v.in_view, state.feature)) status.push({label: P.in_view_label, value: v.in_view[state.feature]});
    if (status.length) card.appendChild(rows(status));
    if (c.note) add(card, add(el("p", "nt-caption"), bdi(c.note)));
    if (c.facts.length) card.appendChild(rows(c.facts));
    if (c.cited.length) {
      var ul = el("ul", "nt-cited");
      c.cited.forEach(function (x) { add(ul, add(el("li"), bdi(x))); });
      card.appendChild(ul);
    }
    if (c.nearest_base) card.appendChild(rows([c.nearest_base]));
    add(card, add(el("p"), el("b", null, c.quotes_title.label), " ", c.quotes_title.value));
    if (c.no_quotes) add(card, el("p", "nt-caption", c.no_quotes));
    card.appendChild(sides(c.sides, "own-"));
    if (c.groups_title) {
      add(card, add(el("p"), bdi(c.groups_title)));
      card.appendChild(sides(c.group_sides, "group-"));
    }
  }
  function renderView() {
    var v = views[state.view];
    viewPanel.textContent = "";
    var h = add(el("h2"), bdi(v.title));
    h.id = "nt-view-h";
    viewPanel.appendChild(h);
    // the panel in the names convention shown, where it differs from the page's own
    var blocks = v.panel_names && has(v.panel_names, state.names) ? v.panel_names[state.names] : v.panel;
    blocks.forEach(function (b) { viewPanel.appendChild(block(b)); });
    var det = add(el("details", "nt-map-text"), el("summary", null, UI.map_text));
    v.map_text[state.names].forEach(function (b) { det.appendChild(block(b)); });
    viewPanel.appendChild(det);
  }
  function renderControls() {
    viewBox.value = state.view;
    featureBox.textContent = "";
    var none = el("option", null, UI.placeholder);
    none.value = "";
    featureBox.appendChild(none);
    P.choices.forEach(function (fid) {
      var o = el("option", null, P.headings[state.names][fid]);
      o.value = fid;
      featureBox.appendChild(o);
    });
    featureBox.value = state.feature || "";
    namesBox.querySelectorAll("input").forEach(function (i) { i.checked = i.value === state.names; });
    overlayBox.querySelectorAll("input").forEach(function (i) { i.checked = !!state.overlays[i.value]; });
  }

  // --- the guided story (geo.panels.story, as pages/story.py shows it) -----------------------
  function button(text, onClick, cls) {
    var b = el("button", cls || "nt-button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function neighbour(by) {  // the step ``by`` steps away from the current one, or null
    var i = stepOrder.indexOf(state.story) + by;
    return state.story && i >= 0 && i < stepOrder.length ? stepOrder[i] : null;
  }
  function renderStory() {
    storyBox.textContent = "";
    var h = el("h2", null, SU.story);
    h.id = "nt-story-h";
    storyBox.appendChild(h);
    if (!stepOrder.length) return;
    if (!state.story) {
      storyBox.appendChild(button(SU.start, function () { setStep(stepOrder[0]); }));
      return;
    }
    var st = steps[state.story], nav = el("div", "nt-story-nav");
    var prev = button("\u2190 " + SU.previous, function () { setStep(neighbour(-1)); });
    var next = button(SU.next + " \u2192", function () { setStep(neighbour(1)); });
    prev.disabled = !neighbour(-1);
    next.disabled = !neighbour(1);
    prev.id = "nt-story-prev";
    next.id = "nt-story-next";
    var pick = el("select");
    pick.id = "nt-story-step";
    pick.setAttribute("aria-label", SU.step);
    stepOrder.forEach(function (sid, i) {
      var o = el("option", null, (i + 1) + ". " + steps[sid].title);
      o.value = sid;
      pick.appendChild(o);
    });
    pick.value = state.story;
    pick.addEventListener("change", function () { setStep(pick.value); });
    add(nav, prev, pick, next);
    add(storyBox, nav, el("p", "nt-caption", st.position + " \u00b7 " + SU.keys),
        add(el("h3", "nt-step-title"), bdi(st.title)));
    var blocks = st.blocks_names && has(st.blocks_names, state.names) ? st.blocks_names[state.names] : st.blocks;
    blocks.forEach(function (b) { storyBox.appendChild(block(b)); });
    storyBox.appendChild(button(SU.leave, function () { state.story = null; update(); },
                                "nt-button nt-leave"));
  }
  function setStep(sid) {
    if (!has(steps, sid)) return;
    var st = steps[sid];
    state.story = sid;
    state.view = st.view;
    map.setView(st.center, st.zoom);
    update();
    var focus = document.activeElement;
    if (focus && focus.disabled) storyBox.querySelector("select").focus();
  }
  // ← and → move between steps, unless the focus is in a field or on the map (whose keys
  // pan it).
  document.addEventListener("keydown", function (e) {
    if (!state.story || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    var t = e.target;
    if (t && (/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) || t.isContentEditable || box.contains(t))) return;
    var to = neighbour(e.key === "ArrowLeft" ? -1 : 1);
    if (to) { e.preventDefault(); setStep(to); }
  });

  // --- share: the link to this view, and a snippet that embeds it (an <iframe>) -------------
  function attr(text) {  // text as an HTML attribute value, as Python's html.escape writes it
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  function snippet(url) {  // the same as geo.export.share.embed_snippet
    return '<iframe src="' + attr(url) + '" title="' + attr(d.title) +
      '" width="100%" height="640" style="border:0" loading="lazy"></iframe>';
  }
  function copyField(label, id, field) {
    var lab = el("label", "nt-field", label);
    lab.htmlFor = id;
    field.id = id;
    field.readOnly = true;
    var copy = button(SU.copy, function () {
      field.select();
      var done = function () { copy.textContent = SU.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {});
      } else {
        try { if (document.execCommand("copy")) done(); } catch (e) { /* select to copy */ }
      }
    });
    add(share, lab, add(el("div", "nt-copy"), field, copy));
    return field;
  }
  add(share, el("summary", null, SU.share));
  var linkField = copyField(SU.link, "nt-share-link", el("input"));
  var embedField = copyField(SU.embed, "nt-share-embed", el("textarea"));
  embedField.rows = 3;
  if (location.protocol === "file:") add(share, el("p", "nt-caption", SU.local));
  function renderShare() {
    linkField.value = location.href;
    embedField.value = snippet(location.href);
  }

  // --- putting it together ---------------------------------------------------------------
  function writeHash() {
    var h = toHash(state);
    if (h === location.hash || (!h && !location.hash)) return;
    var url = location.href.split("#")[0] + h;
    try { history.replaceState(null, "", url); } catch (e) { location.hash = h; }
  }
  function update() {
    drawMap();
    renderControls();
    renderStory();
    renderCard();
    renderView();
    writeHash();
    renderShare();
  }
  function historical(vid) { return M.historical.indexOf(vid) >= 0; }
  function setView(vid) {
    if (!has(views, vid)) return;
    var before = state.view;
    state.view = vid;
    // Sakhalin and the northern Kurils come into view for history (as the app's map).
    if (historical(vid) && !historical(before)) map.setView(M.history_view[0], M.history_view[1]);
    update();
  }
  // The card's heading in sight: where it is not in the top half of the panel's visible
  // part (a phone's sheet), the panel scrolls it up to just below its title bar.
  function showCard() {
    var top = bar.getBoundingClientRect().bottom, bottom = side.getBoundingClientRect().bottom;
    var at = card.getBoundingClientRect().top;
    if (at < top || at > (top + bottom) / 2) side.scrollTop += at - top;
  }
  function select(fid, fromList) {
    state.feature = fid && P.choices.indexOf(fid) >= 0 ? fid : null;
    update();
    if (fromList && state.feature && M.focus[state.feature]) map.panTo(M.focus[state.feature]);
    if (state.feature && !fromList) showCard();
  }
  window.addEventListener("hashchange", function () {
    var s = fromHash(), hist = historical(s.view) && !historical(state.view);
    var step = s.story && s.story !== state.story ? steps[s.story] : null;
    state = s;
    if (step) map.setView(step.center, step.zoom);
    else if (hist) map.setView(M.history_view[0], M.history_view[1]);
    update();
  });

  if (state.story) map.setView(steps[state.story].center, steps[state.story].zoom);
  else if (historical(state.view)) map.setView(M.history_view[0], M.history_view[1]);
  else map.fitBounds(M.start);
  fitFrame();
  map.on("resize", fitFrame);
  zoomClass();
  update();
  if (state.feature) showCard();
  requestAnimationFrame(function () { performance.mark("nt-drawn"); });
})();
