// The one filter panel (templates/includes/filter_panel.html). Progressive enhancement only:
// without this file the panel is a plain GET form in a <details> element.
(function () {
  "use strict";
  if (window.maillageFilters) return; // included once per panel: run once
  window.maillageFilters = true;

  var wide = window.matchMedia("(min-width: 48em)");
  function openOnWideScreens() {
    document.querySelectorAll("details[data-filters]").forEach(function (panel) {
      if (wide.matches) panel.open = true;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openOnWideScreens);
  else openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);

  // The "n filtres actifs" badge follows the results: a list's htmx fragment carries it in a
  // <template data-filter-count="<badge id>"> (templates/includes/filter_count.html), copied here
  // into the panel's badge. A page without that panel simply ignores it.
  document.addEventListener("htmx:load", function (event) {
    var root = event.target;
    if (!root || !root.querySelectorAll) return;
    var templates = Array.prototype.slice.call(root.querySelectorAll("template[data-filter-count]"));
    if (root.matches && root.matches("template[data-filter-count]")) templates.push(root);
    templates.forEach(function (template) {
      var badge = document.getElementById(template.getAttribute("data-filter-count"));
      if (badge) badge.replaceChildren(template.content.cloneNode(true));
      template.remove();
    });
  });

  // Empty fields are dropped from htmx requests: pushed URLs stay short and shareable
  // (?type=association rather than ?q=&type=association&region=).
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (!source || !source.closest || !source.closest("details[data-filters] form")) return;
    if ((event.detail.verb || "").toLowerCase() !== "get") return;
    var params = event.detail.parameters;
    var empty = [];
    if (typeof params.forEach === "function" && typeof params.delete === "function") {
      params.forEach(function (value, key) { if (value === "") empty.push(key); });
      empty.forEach(function (key) { params.delete(key); });
    } else {
      Object.keys(params).forEach(function (key) { if (params[key] === "") delete params[key]; });
    }
  });
})();
