// Members' map and organisation mini-map (Leaflet + Leaflet.markercluster).
// Progressive enhancement: without JavaScript the pages show tables of counts and addresses.
(function () {
  "use strict";

  var M = window.MaillageMap;

  function popupContent(data) {
    var wrapper = document.createElement("div");
    wrapper.className = "directory-map-popup";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.name;
    wrapper.appendChild(link);
    var detail = document.createElement("p");
    detail.className = "fr-text--sm fr-mb-0";
    detail.textContent = [data.type, data.place].filter(Boolean).join(" — ");
    wrapper.appendChild(detail);
    if (data.approximate) {
      var approx = document.createElement("p");
      approx.className = "fr-text--xs fr-mb-0";
      approx.textContent = "Position approximative : centre de " + (data.place || "la commune") + ".";
      wrapper.appendChild(approx);
    }
    return wrapper;
  }

  function initMembersMap(element) {
    if (!window.L || !window.L.markerClusterGroup || !M) return;
    var pointsUrl = element.getAttribute("data-points-url");
    var popupUrl = element.getAttribute("data-popup-url");
    var status = document.getElementById("map-status");
    var cluster = M.clusterGroup({ chunkedLoading: true });
    var map = M.create(element, {
      zoomControl: true,
      selector: true,
      onAll: function () {
        var bounds = cluster.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
      },
    });
    map.addLayer(cluster);
    var controller = null;
    var lastQuery = null;

    function setStatus(text) {
      if (status) status.textContent = text;
    }

    function onMarkerClick(event) {
      var marker = event.target;
      if (marker.getPopup()) return;
      fetch(popupUrl.replace(/0\.json$/, marker.options.orgId + ".json"), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          marker.bindPopup(popupContent(data)).openPopup();
        })
        .catch(function () {
          marker.bindPopup("Fiche indisponible.").openPopup();
        });
    }

    function load(query) {
      if (query === lastQuery) return;
      lastQuery = query;
      if (controller) controller.abort();
      controller = new AbortController();
      setStatus("Chargement des organisations…");
      element.setAttribute("aria-busy", "true");
      fetch(pointsUrl + (query ? "?" + query : ""), { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          cluster.clearLayers();
          var icon = M.markerIcon(false);
          var markers = new Array(data.points.length);
          for (var i = 0; i < data.points.length; i++) {
            var p = data.points[i];
            var marker = window.L.marker([p[0], p[1]], { icon: icon, keyboard: false, orgId: p[2] });
            marker.on("click", onMarkerClick);
            markers[i] = marker;
          }
          cluster.addLayers(markers);
          element.setAttribute("aria-busy", "false");
          element.setAttribute("data-loaded-count", String(data.count));
          setStatus(data.count + (data.count > 1 ? " organisations affichées sur la carte." : " organisation affichée sur la carte."));
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          element.setAttribute("aria-busy", "false");
          setStatus("La carte n'a pas pu être chargée ; les tableaux ci-dessous restent à jour.");
        });
    }

    function currentQuery() {
      var holder = document.querySelector("#map-counts [data-points-query]");
      return holder ? holder.getAttribute("data-points-query") : "";
    }

    load(currentQuery());
    // The filter form refreshes #map-counts through htmx; the points follow the same filters.
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (!event.detail || !event.detail.target || event.detail.target.id !== "map-counts") return;
      var query = currentQuery();
      // The URL follows the filters (shareable link) without a history entry per change: the map
      // keeps its state, and "back" leaves the page as users expect.
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      load(query);
    });
  }

  function initMiniMap(element) {
    if (!window.L || !M) return;
    var lat = parseFloat(element.getAttribute("data-lat"));
    var lon = parseFloat(element.getAttribute("data-lon"));
    if (isNaN(lat) || isNaN(lon)) return;
    var approximate = element.getAttribute("data-approximate") === "true";
    // Zoom 7: the map has no tile layer, only region and department outlines; closer in, the
    // mini-map showed a lone marker on an empty background with no landmark to place it.
    var map = M.create(element, { zoomControl: true, scrollWheelZoom: false, view: [lat, lon, 7] });
    window.L.marker([lat, lon], { icon: M.markerIcon(approximate), keyboard: false })
      .addTo(map)
      .bindTooltip(element.getAttribute("data-label") || "", { permanent: false });
  }

  function init() {
    var members = document.getElementById("members-map");
    if (members) initMembersMap(members);
    var mini = document.getElementById("organisation-minimap");
    if (mini) initMiniMap(mini);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
