// Territory picker: turns the text input of TerritoryChoiceField into an ARIA 1.2 combobox
// (list autocomplete) fed by /territoires/autocomplete/. Progressive enhancement only: without
// this file the server resolves what was typed (code INSEE, code postal, nom exact).
(function () {
  "use strict";
  if (window.maillageTerritoryPicker) return; // the widget may include this file several times
  window.maillageTerritoryPicker = true;

  var DELAY = 200;
  var MIN_CHARS = 2;

  function setup(root) {
    if (root.dataset.pickerReady) return;
    root.dataset.pickerReady = "1";
    var input = root.querySelector("[data-territory-picker-input]");
    var hidden = root.querySelector("[data-territory-picker-id]");
    var listbox = root.querySelector("[role=listbox]");
    var status = root.querySelector("[data-territory-picker-status]");
    var timer = null;
    var controller = null;
    var active = -1;
    var results = [];

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() {
      return listbox.querySelectorAll("[role=option]");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var item = results[index];
      if (!item) return;
      input.value = item.label;
      hidden.value = item.id;
      status.textContent = item.label + " sélectionné.";
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(items) {
      results = items;
      listbox.textContent = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listbox.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item.label;
        var detail = [];
        if (item.kind_label) detail.push(item.kind_label);
        if (item.kind === "municipality" || item.kind === "epci") detail.push(item.code);
        if (item.population) detail.push(item.population.toLocaleString("fr-FR") + " hab.");
        if (detail.length) {
          var small = document.createElement("span");
          small.className = "fr-hint-text";
          small.textContent = detail.join(" · ");
          li.appendChild(small);
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(i);
        });
        listbox.appendChild(li);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = items.length + (items.length > 1 ? " suggestions" : " suggestion") +
          " : flèches haut et bas pour parcourir, Entrée pour choisir.";
      } else {
        close();
        status.textContent = "Aucun territoire trouvé.";
      }
    }

    function search() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) {
        close();
        return;
      }
      if (controller) controller.abort();
      controller = new AbortController();
      var url = root.dataset.url + "?q=" + encodeURIComponent(query);
      if (root.dataset.kinds) url += "&kinds=" + encodeURIComponent(root.dataset.kinds);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { render(data.results || []); })
        .catch(function (error) {
          if (error.name !== "AbortError") close();
        });
    }

    input.addEventListener("input", function () {
      hidden.value = ""; // the text changed: the previous choice no longer holds
      clearTimeout(timer);
      timer = setTimeout(search, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open && results.length) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
          }
          highlight(active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (open) highlight(active - 1);
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault(); // choose, do not submit the form
            choose(active);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          } else {
            input.value = "";
            hidden.value = "";
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }

  function setupAll(scope) {
    (scope || document).querySelectorAll("[data-territory-picker]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupAll(); });
  } else {
    setupAll();
  }
  // Forms swapped in by htmx get their pickers too.
  document.addEventListener("htmx:load", function (event) { setupAll(event.target); });
})();
