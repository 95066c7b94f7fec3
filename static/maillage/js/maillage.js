// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Filter forms marked data-autosubmit submit themselves (via htmx when present) on change.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (!form) return;
    if (window.htmx) {
      window.htmx.trigger(form, "submit");
    } else {
      form.requestSubmit();
    }
  });
})();
