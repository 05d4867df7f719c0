// Label placement, shared by the app's map (nt_map.js, served in one file after this one:
// geo.map.leaflet.program) and the static explorer (geo/export/atlas.js, inlined the same
// way). Each label has a priority (lower first), candidate sides ("at") and other points
// ("alt") to try: window.NT_PLACE puts them in priority order at the first side and point
// where the label lies wholly inside the map and overlaps no label already placed nor a
// map control; a label that fits nowhere is hidden, never overlapped.
// ``labels``: [{marker, item, order}], item: {lat, lon, prio, at, alt, min_zoom, max_zoom}.
window.NT_PLACE = (function () {
  var SIDES = ["nt-at-centre", "nt-at-right", "nt-at-left", "nt-at-above", "nt-at-below"];
  function overlaps(a, b) {
    return a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 2 && b.top < a.bottom + 2;
  }
  return function (map, labels) {
    var box = map.getContainer(), area = box.getBoundingClientRect(), taken = [];
    box.querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width) taken.push(r);
    });
    var all = labels.slice().sort(function (a, b) {
      return (a.item.prio - b.item.prio) || (a.order - b.order); });
    var zoom = map.getZoom();
    all.forEach(function (l) {
      var it = l.item, icon = l.marker._icon, placed = false;
      if (!icon) return;
      var points = [[it.lat, it.lon]].concat(it.alt || []);
      if (zoom >= (it.min_zoom || 0) && zoom <= (it.max_zoom || 99)) {
        for (var p = 0; p < points.length && !placed; p++) {
          l.marker.setLatLng(points[p]);
          for (var s = 0; s < it.at.length && !placed; s++) {
            SIDES.forEach(function (c) { icon.classList.remove(c); });
            icon.classList.add("nt-at-" + it.at[s]);
            var r = icon.firstChild.getBoundingClientRect();
            if (!r.width || r.left < area.left + 2 || r.right > area.right - 2 ||
                r.top < area.top + 2 || r.bottom > area.bottom - 2) continue;
            if (taken.some(function (t) { return overlaps(r, t); })) continue;
            taken.push(r);
            placed = true;
          }
        }
      }
      icon.classList.toggle("nt-hidden", !placed);
    });
  };
})();
