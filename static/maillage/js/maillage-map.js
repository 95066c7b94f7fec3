// The shared base of every Leaflet map (directory, experiences, events, organisation pages).
// - Background: the tile server of MAILLAGE_TILE_URL when one is set (IGN Géoplateforme "Plan IGN"
//   recommended, docs/deploy.md); otherwise, offline, France's régions and départements from
//   static/maillage/geo/france.json (IGN ADMIN EXPRESS, Licence Ouverte; built by
//   `manage.py build_map_outline`).
// - Initial view: metropolitan France; a selector (a real <select>, before the map) shows an
//   overseas département or every point.
// - DSFR-coloured markers and clusters.
(function () {
  "use strict";

  var VIEWS = [
    ["metropole", "France métropolitaine", [[41.3, -5.2], [51.1, 9.6]]],
    ["971", "Guadeloupe", [[15.8, -61.9], [16.55, -60.95]]],
    ["972", "Martinique", [[14.35, -61.25], [14.9, -60.8]]],
    ["973", "Guyane", [[2.1, -54.6], [5.8, -51.6]]],
    ["974", "La Réunion", [[-21.42, 55.2], [-20.85, 55.85]]],
    ["976", "Mayotte", [[-13.05, 45.0], [-12.6, 45.3]]],
  ];
  var METROPOLE = VIEWS[0][2];
  var OUTLINE_ATTRIBUTION = "Contours : IGN ADMIN EXPRESS (Licence Ouverte)";
  var outlineCache = {};
  // The outline's address (a hashed static name in production) is given on this script's tag.
  var DEFAULT_OUTLINE = (document.currentScript && document.currentScript.getAttribute("data-outline-url")) || "";

  function loadOutline(url) {
    if (!outlineCache[url]) {
      outlineCache[url] = fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return outlineCache[url];
  }

  function addOutline(map, url) {
    loadOutline(url)
      .then(function (data) {
        var departements = { type: "FeatureCollection", features: [] };
        var regions = { type: "FeatureCollection", features: [] };
        data.features.forEach(function (feature) {
          (feature.properties.level === "region" ? regions : departements).features.push(feature);
        });
        window.L.geoJSON(departements, {
          interactive: false,
          style: { color: "#b5b5b5", weight: 0.6, fillColor: "#ffffff", fillOpacity: 1 },
        }).addTo(map);
        window.L.geoJSON(regions, {
          interactive: false,
          style: { color: "#6a6af4", weight: 1.4, fill: false },
        }).addTo(map);
        map.getContainer().setAttribute("data-outline", "loaded");
      })
      .catch(function () {
        map.getContainer().setAttribute("data-outline", "failed");
      });
  }

  function viewSelector(element, map, onAll) {
    var id = element.id + "-vue";
    var group = document.createElement("div");
    group.className = "fr-select-group maillage-map-view";
    var label = document.createElement("label");
    label.className = "fr-label";
    label.setAttribute("for", id);
    label.textContent = "Territoire affiché sur la carte";
    var select = document.createElement("select");
    select.className = "fr-select";
    select.id = id;
    VIEWS.forEach(function (view) {
      var option = document.createElement("option");
      option.value = view[0];
      option.textContent = view[1];
      select.appendChild(option);
    });
    if (onAll) {
      var all = document.createElement("option");
      all.value = "tout";
      all.textContent = "Tous les points";
      select.appendChild(all);
    }
    select.addEventListener("change", function () {
      element.setAttribute("data-view", select.value);
      if (select.value === "tout" && onAll) return onAll();
      VIEWS.forEach(function (view) {
        if (view[0] === select.value) map.fitBounds(view[2]);
      });
    });
    group.appendChild(label);
    group.appendChild(select);
    element.parentNode.insertBefore(group, element);
    return select;
  }

  // options: Leaflet options plus {view: "metropole" | [lat, lon, zoom], selector: bool, onAll: fn}
  function create(element, options) {
    options = options || {};
    var tileUrl = element.getAttribute("data-tile-url") || "";
    var outlineUrl = element.getAttribute("data-outline-url") || DEFAULT_OUTLINE;
    var leafletOptions = Object.assign({ maxZoom: 18, minZoom: 2, zoomSnap: 0.25 }, options);
    delete leafletOptions.view;
    delete leafletOptions.selector;
    delete leafletOptions.onAll;
    var map = window.L.map(element, leafletOptions);
    map.attributionControl.setPrefix(false);
    if (tileUrl) {
      window.L.tileLayer(tileUrl, {
        maxZoom: 18,
        attribution: element.getAttribute("data-tile-attribution") || "Fond de carte : voir les mentions légales",
      }).addTo(map);
    } else if (outlineUrl) {
      element.classList.add("map-container--offline");
      map.attributionControl.addAttribution(OUTLINE_ATTRIBUTION);
      addOutline(map, outlineUrl);
    }
    if (Array.isArray(options.view)) map.setView([options.view[0], options.view[1]], options.view[2]);
    else map.fitBounds(METROPOLE);
    if (options.selector) viewSelector(element, map, options.onAll);
    return map;
  }

  function markerIcon(approximate) {
    return window.L.divIcon({
      className: "maillage-marker" + (approximate ? " maillage-marker--approx" : ""),
      iconSize: [16, 16],
      iconAnchor: [8, 8],
      html: "",
    });
  }

  function clusterGroup(options) {
    return window.L.markerClusterGroup(
      Object.assign(
        {
          showCoverageOnHover: false,
          iconCreateFunction: function (cluster) {
            var count = cluster.getChildCount();
            var size = count < 10 ? 32 : count < 100 ? 40 : 48;
            return window.L.divIcon({
              html: "<span>" + count + "</span>",
              className: "maillage-cluster",
              iconSize: [size, size],
            });
          },
        },
        options || {}
      )
    );
  }

  window.MaillageMap = { create: create, markerIcon: markerIcon, clusterGroup: clusterGroup, METROPOLE: METROPOLE };
})();
