// Map of experience reports (Leaflet + markercluster, on the shared base maillage-map.js). The
// list under the map carries the same content without JavaScript.
(function () {
  "use strict";
  function init() {
    var container = document.getElementById("experiences-map");
    var dataNode = document.getElementById("experiences-map-data");
    var M = window.MaillageMap;
    if (!container || !dataNode || !window.L || !M) return;
    var points = JSON.parse(dataNode.textContent);
    var group = window.L.markerClusterGroup ? M.clusterGroup() : window.L.featureGroup();
    var map = M.create(container, {
      scrollWheelZoom: false,
      selector: true,
      onAll: function () {
        if (points.length) map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 9 });
      },
    });
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
      window.L.marker([point.lat, point.lng], { title: point.title, icon: M.markerIcon(false) }).bindPopup(popup).addTo(group);
    });
    group.addTo(map);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
