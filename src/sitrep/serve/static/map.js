// sitrep map: an offline basemap (Natural Earth countries and admin-1 areas, served by sitrep)
// and the located events, clustered. Every text from the database goes into the page as a
// text node (textContent), never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!el || typeof L === "undefined") { if (status) { status.textContent = "The map library did not load."; } return; }
  var map = L.map(el, { attributionControl: false, preferCanvas: true, worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 20], 3);
  var TONE = { cooperation: "#2f9e5a", conflict: "#d9473a", neutral: "#777777" };

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value == null ? "" : String(value);
    if (cls) { node.className = cls; }
    return node;
  }

  function href(p) {
    return (p.kind === "incident" ? "/incidents/" : "/events/") + encodeURIComponent(p.id);
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var link = text("a", (p.kind === "incident" ? "Incident: " : "") + p.category + " (" + p.status + ")");
    link.href = href(p);
    box.appendChild(link);
    box.appendChild(document.createElement("br"));
    box.appendChild(text("span", (p.place || "") + " · " + (p.day || "undated") + " · " + (p.outlet || "")));
    box.appendChild(document.createElement("br"));
    box.appendChild(text("em", "“" + (p.trigger || "") + "”"));
    if (p.incident) {
      box.appendChild(document.createElement("br"));
      var inc = text("a", "its incident, across reports →", "to-incident");
      inc.href = "/incidents/" + encodeURIComponent(p.incident);
      box.appendChild(inc);
    }
    return box;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  var basemap = getJSON(el.dataset.basemap).then(function (fc) {
    var layer = L.geoJSON(fc, {
      interactive: true,
      style: function (f) {
        return f.properties.layer === "area"
          ? { color: "#8a97a8", weight: 0.7, fillColor: "#f4f1e8", fillOpacity: 1 }
          : { color: "#6b7785", weight: 1, fillColor: "#ece8dc", fillOpacity: 1 };
      },
      onEachFeature: function (f, lyr) { lyr.bindTooltip(text("span", f.properties.name), { sticky: true }); }
    }).addTo(map);
    el.dataset.basemapFeatures = String(fc.features.length);
    return layer;
  });

  // the points are drawn after the basemap: on the one canvas, a click goes to the last layer
  // drawn under the pointer, so a point drawn first would lose its clicks to the country under it
  var points = Promise.all([getJSON(el.dataset.points), basemap]).then(function (res) {
    var fc = res[0];
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
    var bounds = [], markers = [];
    fc.features.forEach(function (f) {
      var c = f.geometry.coordinates;
      var m = L.circleMarker([c[1], c[0]], { radius: 6, color: "#fff", weight: 1, fillOpacity: 0.9,
                                             fillColor: TONE[f.properties.tone] || "#777" });
      m.bindPopup(popup(f.properties));
      m.on("dblclick", function () { window.location.href = href(f.properties); });
      cluster.addLayer(m);
      markers.push(m);
      bounds.push([c[1], c[0]]);
    });
    map.addLayer(cluster);
    // for scripted checks (the browser tests): the map, its clusters and markers, in feature order
    el.sitrep = { map: map, cluster: cluster, markers: markers };
    el.dataset.pointCount = String(fc.features.length);
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 }); }
    return fc.features.length;
  });

  Promise.all([basemap, points]).then(function (res) {
    var what = el.dataset.layer === "incidents" ? " located incidents" : " located events";
    status.textContent = res[1] + what + ". Click a point for its summary and link; clusters open on click.";
    el.dataset.readyMs = String(Math.round(performance.now()));  // when the data was drawn (benchmarks)
    el.dataset.ready = "true";
  }).catch(function (err) {
    status.textContent = "The map could not load its data: " + (err && err.message ? err.message : String(err));
    el.dataset.ready = "error";
  });
})();
