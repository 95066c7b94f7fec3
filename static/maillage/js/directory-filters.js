// Directory filter forms: drop empty fields from htmx requests, so that pushed URLs stay short
// and shareable (?type=association rather than ?q=&type=association&region=...).
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (!source || !source.closest || !source.closest("form.directory-filters")) return;
    if ((event.detail.verb || "").toLowerCase() !== "get") return;
    var params = event.detail.parameters;
    var keys = [];
    if (typeof params.keys === "function") {
      params.forEach(function (value, key) {
        if (value === "") keys.push(key);
      });
    } else {
      Object.keys(params).forEach(function (key) {
        if (params[key] === "") keys.push(key);
      });
    }
    keys.forEach(function (key) {
      if (typeof params.delete === "function") params.delete(key);
      else delete params[key];
    });
  });
})();
