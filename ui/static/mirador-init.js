// Mirador (vendored in /static/vendor/mirador) on the document's IIIF manifest.
(function () {
  "use strict";
  var el = document.querySelector("[data-mirador]");
  if (!el || !window.Mirador) return;
  var manifest = new URL(el.getAttribute("data-manifest"), window.location.href).href;
  window.achykMirador = window.Mirador.viewer({
    id: el.id,
    language: el.getAttribute("data-lang") || "ru",
    windows: [{ manifestId: manifest }],
    window: { allowClose: false, allowMaximize: false, sideBarOpenByDefault: false },
    workspaceControlPanel: { enabled: false },
  });
})();
