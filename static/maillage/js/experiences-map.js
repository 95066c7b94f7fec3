// Map of experience reports: Leaflet + markercluster. Without a configured tile server (offline)
// the background stays grey; the list under the map carries the same content without JavaScript.
(function () {
  "use strict";
  var container = document.getElementById("experiences-map");
  var dataNode = document.getElementById("experiences-map-data");
  if (!container || !dataNode || !window.L) return;
  var points = JSON.parse(dataNode.textContent);
  var tiles = container.getAttribute("data-tile-url") || "";
  var map = window.L.map(container, { scrollWheelZoom: false, attributionControl: !!tiles, maxZoom: 18 }).setView([46.6, 2.4], 5);
  if (tiles) {
    window.L.tileLayer(tiles, { maxZoom: 18, attribution: "Fond de carte : voir les mentions légales" }).addTo(map);
  }
  var group = window.L.markerClusterGroup ? window.L.markerClusterGroup() : window.L.featureGroup();
  points.forEach(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    var popup = document.createElement("div");
    popup.appendChild(link);
    if (point.place) {
      var place = document.createElement("p");
      place.textContent = point.place + " — " + point.status;
      popup.appendChild(place);
    }
    var icon = window.L.divIcon({ className: "experience-dot", iconSize: [14, 14], iconAnchor: [7, 7], html: "" });
    window.L.marker([point.lat, point.lng], { title: point.title, icon: icon }).bindPopup(popup).addTo(group);
  });
  group.addTo(map);
  if (points.length) {
    map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 9 });
  }
})();
