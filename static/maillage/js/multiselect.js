// Searchable multi-select (Tom Select, npm, pinned) over every select[multiple][data-searchable-select].
// Progressive enhancement: without JavaScript, the plain <select multiple> (labelled, keyboard
// usable) is submitted as is; with it, a text field filters the options and the chosen ones are
// shown as removable tags. The form still submits the same <select>.
(function () {
  "use strict";
  var script = document.currentScript;
  var libraryJs = script.getAttribute("data-library-js");
  var libraryCss = script.getAttribute("data-library-css");
  var loading = null;

  function load() {
    if (window.TomSelect) return Promise.resolve();
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = libraryCss;
      document.head.appendChild(link);
      var tag = document.createElement("script");
      tag.src = libraryJs;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return loading;
  }

  function remote(select, settings) {
    // Searched on the server (data-search-url), page after page (virtual_scroll): only the chosen
    // options are kept in the page's list, the others come back from the search.
    var url = select.getAttribute("data-search-url");
    Array.prototype.forEach.call(select.querySelectorAll("option:not(:checked)"), function (option) {
      option.remove();
    });
    settings.plugins.virtual_scroll = {};
    settings.valueField = "value";
    settings.labelField = "text";
    settings.searchField = ["text", "search"];
    settings.maxOptions = 200;
    settings.firstUrl = function (query) {
      return url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
    };
    settings.shouldLoad = function (query) {
      return query.trim().length >= 2;
    };
    settings.load = function (query, callback) {
      var self = this;
      var address = self.getUrl(query);
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (data.more) self.setNextUrl(query, self.settings.firstUrl(query) + "&page=" + (data.page + 1));
          callback(data.results);
        })
        .catch(function () {
          callback();
        });
    };
    settings.render.not_loading = function (data) {
      return '<div class="no-results">Tapez au moins deux lettres du nom, ou le SIREN.</div>';
    };
    settings.render.loading_more = function () {
      return '<div class="loading-more-results">Chargement de la suite…</div>';
    };
    settings.render.no_more_results = function () {
      return '<div class="no-more-results">Fin des résultats</div>';
    };
    settings.render.loading = function () {
      return '<div class="no-results">Recherche…</div>';
    };
    return settings;
  }

  function enhance(select) {
    if (select.tomselect) return;
    var settings = {
      plugins: { remove_button: { title: "Retirer" } },
      hidePlaceholder: false,
      placeholder: "Rechercher et choisir…",
      maxOptions: null,
      closeAfterSelect: false,
      render: {
        no_results: function () {
          return '<div class="no-results">Aucun résultat</div>';
        },
      },
    };
    if (select.hasAttribute("data-search-url")) remote(select, settings);
    var control = new window.TomSelect(select, settings);
    // Tom Select points the <label> at its search field; the original select (kept, visually
    // hidden, and submitted) keeps its name through aria-labelledby.
    var label = document.querySelector("label[for='" + control.control_input.id + "']") ||
      (select.id && document.querySelector("label[for='" + select.id + "']"));
    if (label) {
      if (!label.id) label.id = select.id + "-label";
      select.setAttribute("aria-labelledby", label.id);
      control.control_input.setAttribute("aria-labelledby", label.id);
    }
    var described = select.getAttribute("aria-describedby");
    if (described) control.control_input.setAttribute("aria-describedby", described);
    control.wrapper.classList.add("maillage-multiselect");
    if (select.hasAttribute("data-search-url")) {
      // Searched on the server, the list is empty until one types, or holds only a message
      // ("Tapez au moins deux lettres…", "Fin des résultats"); a listbox must hold options (axe
      // aria-required-children, even closed: the combobox points to it). The role follows them.
      var list = control.dropdown_content;
      var sync = function () {
        if (list.querySelector("[role=option]")) list.setAttribute("role", "listbox");
        else list.removeAttribute("role");
      };
      new MutationObserver(sync).observe(list, { childList: true, subtree: true });
      control.on("dropdown_close", function () {
        Array.prototype.forEach.call(list.children, function (child) {
          if (child.getAttribute("role") !== "option" && !child.querySelector("[role=option]")) child.remove();
        });
      });
      sync();
    }
  }

  function init() {
    var selects = document.querySelectorAll("select[multiple][data-searchable-select]");
    if (!selects.length) return;
    load().then(function () {
      selects.forEach(enhance);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
