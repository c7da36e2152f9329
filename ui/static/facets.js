// Facets on a narrow screen: collapsed below the results, opened by «фильтры ↓».
(function () {
  "use strict";
  const panel = document.querySelector("[data-facets]");
  if (!panel) return;
  if (window.matchMedia("(max-width: 800px)").matches) panel.open = false;
  const link = document.querySelector(".to-facets");
  if (link) link.addEventListener("click", () => { panel.open = true; });
})();
