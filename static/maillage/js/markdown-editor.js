// Markdown editor over every textarea[data-markdown-editor]: a toolbar (GitHub's
// @github/markdown-toolbar-element, npm, pinned) acting on the native textarea, and a preview
// rendered by the server (apps/core/markdown.py, sanitised by nh3: what you see is what will be
// published). Progressive enhancement: the textarea stays a real, labelled textarea (assistive
// technologies, spell checking, browser tests all see it); without JavaScript, nothing changes.
// No inline script or style (strict CSP).
// Images: the widget renders, after the textarea, a link to the upload page (no JavaScript: upload
// there, copy the line it gives). Here it becomes an "Image" button opening a small panel — file
// and a required alternative text — that posts to the same address (apps/core/views.image_upload:
// the one file policy) and inserts `![alt](address)` at the cursor. An image pasted or dropped
// on the textarea opens the same panel: the alternative text is never skipped.
(function () {
  "use strict";
  var script = document.currentScript;
  var previewUrl = script.getAttribute("data-preview-url");
  var toolbarJs = script.getAttribute("data-toolbar-js");
  var loading = null;

  var BUTTONS = [
    ["md-header", "h-2", "Titre", { level: "2" }],
    ["md-bold", "bold", "Gras"],
    ["md-italic", "italic", "Italique"],
    ["md-unordered-list", "list-unordered", "Liste à puces"],
    ["md-ordered-list", "list-ordered", "Liste numérotée"],
    ["md-quote", "quote-line", "Citation"],
    ["md-link", "link", "Lien"],
  ];

  function load() {
    if (window.customElements && window.customElements.get("markdown-toolbar")) return Promise.resolve();
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.type = "module";
      tag.src = toolbarJs;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
    return loading;
  }

  function csrfToken(textarea) {
    var input = textarea.form && textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function toolButton(tag, icon, label, attrs) {
    var el = document.createElement(tag);
    el.className = "fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-" + icon;
    el.setAttribute("title", label);
    el.textContent = label;
    // The library's buttons do not all set their role: say it (keyboard: Enter and Space work).
    if (tag.indexOf("md-") === 0) el.setAttribute("role", "button");
    Object.keys(attrs || {}).forEach(function (key) {
      el.setAttribute(key, attrs[key]);
    });
    return el;
  }

  function insertText(textarea, text) {
    textarea.focus();
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var before = textarea.value.slice(0, start);
    var after = textarea.value.slice(end);
    var prefix = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var suffix = !after || /^\n/.test(after) ? "" : "\n\n";
    var inserted = prefix + text + suffix;
    // execCommand keeps the browser's undo history; the assignment is the fallback.
    if (!document.execCommand || !document.execCommand("insertText", false, inserted)) {
      textarea.value = before + inserted + after;
      textarea.setSelectionRange(start + inserted.length, start + inserted.length);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function field(id, tag, attrs) {
    var el = document.createElement(tag);
    el.id = id;
    Object.keys(attrs).forEach(function (key) {
      el.setAttribute(key, attrs[key]);
    });
    return el;
  }

  // A DSFR field group holding a label (with its hint) for the control `id`; the caller appends the control.
  function labelledGroup(groupClass, id, text, hint) {
    var group = document.createElement("div");
    group.className = groupClass;
    var label = field(id + "-label", "label", { class: "fr-label", for: id });
    label.textContent = text;
    var hintEl = document.createElement("span");
    hintEl.className = "fr-hint-text";
    hintEl.textContent = hint;
    label.appendChild(hintEl);
    group.appendChild(label);
    return group;
  }

  function imagePanel(textarea, link) {
    var base = textarea.id + "-image";
    var panel = field(base, "div", { role: "group", "aria-labelledby": base + "-title", class: "maillage-md__image" });
    panel.hidden = true;
    var title = field(base + "-title", "p", { class: "fr-text--bold fr-mb-1w" });
    title.textContent = "Insérer une image";
    var fileGroup = labelledGroup("fr-upload-group fr-mb-2w", base + "-file", "Image", link.getAttribute("data-help") || "");
    // No name: these fields belong to the text's form and must not be sent with it.
    var file = field(base + "-file", "input", { type: "file", class: "fr-upload", accept: link.getAttribute("data-accept") || "image/*" });
    fileGroup.appendChild(file);
    var altGroup = labelledGroup("fr-input-group", base + "-alt", "Texte alternatif (obligatoire)",
      "Ce que montre l'image, en une phrase : il est lu aux personnes qui ne la voient pas.");
    var alt = field(base + "-alt", "input", { type: "text", class: "fr-input", maxlength: "300", "aria-required": "true" });
    altGroup.appendChild(alt);
    var status = field(base + "-status", "p", { class: "fr-text--sm fr-mb-1w", "aria-live": "polite" });
    var buttons = document.createElement("ul");
    buttons.className = "fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm";
    var insert = document.createElement("button");
    insert.type = "button";
    insert.className = "fr-btn";
    insert.textContent = "Insérer l'image";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "fr-btn fr-btn--secondary";
    cancel.textContent = "Annuler";
    [insert, cancel].forEach(function (b) {
      var li = document.createElement("li");
      li.appendChild(b);
      buttons.appendChild(li);
    });
    [title, fileGroup, altGroup, status, buttons].forEach(function (el) {
      panel.appendChild(el);
    });

    var opener = null;
    function error(input, group, message) {
      group.classList.add(group === altGroup ? "fr-input-group--error" : "fr-upload-group--error");
      input.setAttribute("aria-invalid", "true");
      status.className = "fr-error-text fr-mb-1w";
      status.textContent = message;
      input.focus();
    }
    function reset() {
      [altGroup, fileGroup].forEach(function (g) {
        g.classList.remove("fr-input-group--error", "fr-upload-group--error");
      });
      alt.removeAttribute("aria-invalid");
      file.removeAttribute("aria-invalid");
      status.className = "fr-text--sm fr-mb-1w";
      status.textContent = "";
    }
    function close(focusTextarea) {
      panel.hidden = true;
      if (opener) opener.setAttribute("aria-expanded", "false");
      file.value = "";
      alt.value = "";
      reset();
      if (focusTextarea) textarea.focus();
    }
    function open(button, files) {
      opener = button || opener;
      panel.hidden = false;
      if (opener) opener.setAttribute("aria-expanded", "true");
      reset();
      if (files && files.length) {
        try {
          file.files = files;
        } catch (e) {
          /* an old browser: the person chooses the file again */
        }
      }
      (file.files && file.files.length ? alt : file).focus();
    }
    function submit() {
      reset();
      if (!file.files || !file.files.length) return error(file, fileGroup, "Choisissez une image.");
      if (!alt.value.trim()) return error(alt, altGroup, "Décrivez l'image : le texte alternatif est obligatoire.");
      var body = new FormData();
      body.append("image", file.files[0]);
      body.append("alt", alt.value);
      status.textContent = "Envoi de l'image…";
      insert.disabled = true;
      fetch(link.getAttribute("href"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea), Accept: "application/json" },
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("application/json") === -1) throw new Error("Connectez-vous pour déposer une image.");
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(data.error || "L'image n'a pas pu être déposée.");
            return data;
          });
        })
        .then(function (data) {
          close(false);
          insertText(textarea, data.markdown);
          status.textContent = "";
          announce(textarea, "Image insérée dans le texte.");
        })
        .catch(function (e) {
          error(file, fileGroup, e.message && e.message.length > 3 ? e.message : "L'image n'a pas pu être déposée.");
        })
        .then(function () {
          insert.disabled = false;
        });
    }
    insert.addEventListener("click", submit);
    cancel.addEventListener("click", function () {
      close(true);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
      } else if (event.key === "Enter" && event.target === alt) {
        event.preventDefault(); // never submit the text's form from here
        submit();
      }
    });
    return { element: panel, open: open, close: close };
  }

  function announce(textarea, message) {
    var live = document.getElementById(textarea.id + "-annonce");
    if (live) live.textContent = message;
  }

  function enhance(textarea) {
    if (textarea.dataset.markdownReady || !textarea.id) return;
    textarea.dataset.markdownReady = "1";
    var toolbar = document.createElement("markdown-toolbar");
    toolbar.setAttribute("for", textarea.id);
    toolbar.setAttribute("aria-label", "Mise en forme");
    toolbar.setAttribute("aria-controls", textarea.id);
    toolbar.className = "maillage-md__toolbar";
    BUTTONS.forEach(function (b) {
      toolbar.appendChild(toolButton(b[0], b[1], b[2], b[3]));
    });
    var preview = document.createElement("div");
    preview.className = "maillage-md__preview";
    preview.id = textarea.id + "-apercu";
    preview.hidden = true;
    preview.setAttribute("tabindex", "-1");
    preview.setAttribute("aria-label", "Aperçu");
    var toggle = toolButton("button", "eye-line", "Aperçu");
    toggle.type = "button";
    toggle.className = "fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left fr-icon-eye-line maillage-md__toggle";
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", preview.id);
    toggle.addEventListener("click", function () {
      var showing = toggle.getAttribute("aria-pressed") === "true";
      if (showing) {
        toggle.setAttribute("aria-pressed", "false");
        preview.hidden = true;
        textarea.hidden = false;
        textarea.focus();
        return;
      }
      toggle.setAttribute("aria-pressed", "true");
      preview.textContent = "Aperçu en cours…";
      preview.hidden = false;
      textarea.hidden = true;
      var body = new URLSearchParams();
      body.set("text", textarea.value);
      fetch(previewUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrfToken(textarea) } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          preview.innerHTML = html; // sanitised by the server (nh3)
          preview.focus();
        })
        .catch(function () {
          preview.textContent = "L'aperçu n'a pas pu être affiché.";
        });
    });
    var link = document.querySelector("a[data-markdown-image='" + textarea.id + "']");
    var panel = null;
    if (link) {
      panel = imagePanel(textarea, link);
      var imageButton = toolButton("button", "image-add-line", "Image");
      imageButton.type = "button";
      imageButton.setAttribute("aria-expanded", "false");
      imageButton.setAttribute("aria-controls", panel.element.id);
      imageButton.addEventListener("click", function () {
        if (panel.element.hidden) panel.open(imageButton);
        else panel.close(true);
      });
      toolbar.appendChild(imageButton);
      link.parentNode.hidden = true; // the button does what the link did
      var withFiles = function (event, files) {
        var images = Array.prototype.filter.call(files || [], function (f) {
          return /^image\//.test(f.type);
        });
        if (!images.length) return;
        event.preventDefault();
        var transfer = new DataTransfer();
        transfer.items.add(images[0]);
        panel.open(imageButton, transfer.files);
      };
      textarea.addEventListener("paste", function (event) {
        withFiles(event, event.clipboardData && event.clipboardData.files);
      });
      textarea.addEventListener("dragover", function (event) {
        // Files only (dragged text keeps the browser's behaviour): let them be dropped here
        // rather than opened by the browser in place of the page.
        if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types || [], "Files") !== -1) {
          event.preventDefault();
        }
      });
      textarea.addEventListener("drop", function (event) {
        withFiles(event, event.dataTransfer && event.dataTransfer.files);
      });
    }
    toolbar.appendChild(toggle);
    var live = document.createElement("p");
    live.id = textarea.id + "-annonce";
    live.className = "fr-sr-only";
    live.setAttribute("aria-live", "polite");
    var wrapper = document.createElement("div");
    wrapper.className = "maillage-md";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    if (panel) wrapper.appendChild(panel.element);
    wrapper.appendChild(textarea);
    wrapper.appendChild(preview);
    wrapper.appendChild(live);
  }

  function init() {
    var areas = document.querySelectorAll("textarea[data-markdown-editor]");
    if (!areas.length) return;
    load().then(function () {
      areas.forEach(enhance);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
