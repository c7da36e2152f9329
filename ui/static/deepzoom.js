// The deep-zoom viewer: OpenSeadragon on the IIIF image service of each page (tiles at
// every scale), the hits of the query (IIIF Content Search 2) boxed as overlays. Boxes
// come in canvas pixels (the page as OCR read it) and are scaled to the image.
(function () {
  "use strict";
  var root = document.querySelector("[data-deepzoom]");
  if (!root || !window.OpenSeadragon) return;
  var pages = JSON.parse(root.getAttribute("data-pages"));
  var doc = root.getAttribute("data-doc");
  var q = root.getAttribute("data-q") || "";
  var index = parseInt(root.getAttribute("data-start"), 10) || 0;
  var status = root.querySelector("[data-dz-status]");
  var pageLabel = root.querySelector("[data-dz-page]");
  var prev = root.querySelector("[data-dz-prev]");
  var next = root.querySelector("[data-dz-next]");
  var hitsByPage = {};
  var total = 0;
  var hitsLoaded = !q;
  var opened = false;

  var viewer = window.OpenSeadragon({
    element: root.querySelector("[data-dz-view]"),
    showNavigationControl: false,
    maxZoomPixelRatio: 3,
    visibilityRatio: 0.5,
    gestureSettingsMouse: { clickToZoom: false },
  });

  function ready() {
    if (opened && hitsLoaded) root.setAttribute("data-ready", "1");
  }

  function drawHits() {
    viewer.clearOverlays();
    var page = pages[index];
    var item = viewer.world.getItemAt(0);
    var hits = hitsByPage[page.number] || [];
    if (item) {
      var size = item.getContentSize();
      var sx = size.x / page.width;
      var sy = size.y / page.height;
      hits.forEach(function (h) {
        var el = document.createElement("div");
        el.className = "dz-hit";
        el.setAttribute("title", h.text);
        var rect = item.imageToViewportRectangle(h.x * sx, h.y * sy, h.w * sx, h.h * sy);
        viewer.addOverlay({ element: el, location: rect });
      });
    }
    if (q) {
      status.textContent = root.getAttribute("data-hits-text")
        .replace("{n}", String(hits.length)).replace("{total}", String(total));
    }
  }

  function show(i) {
    index = Math.max(0, Math.min(pages.length - 1, i));
    opened = false;
    root.removeAttribute("data-ready");
    pageLabel.textContent = root.getAttribute("data-page-text") + " " + pages[index].number;
    prev.disabled = index === 0;
    next.disabled = index === pages.length - 1;
    viewer.open(pages[index].info);
    var url = new URL(window.location.href);
    url.searchParams.set("page", String(pages[index].number));
    window.history.replaceState(null, "", url.toString());
  }

  viewer.addHandler("open", function () {
    opened = true;
    drawHits();
    ready();
  });

  prev.addEventListener("click", function () { show(index - 1); });
  next.addEventListener("click", function () { show(index + 1); });
  root.querySelectorAll("[data-dz-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      viewer.viewport.zoomBy(b.getAttribute("data-dz-zoom") === "in" ? 2 : 0.5);
      viewer.viewport.applyConstraints();
    });
  });
  root.querySelector("[data-dz-home]").addEventListener("click", function () {
    viewer.viewport.goHome();
  });

  if (q) {
    fetch("/iiif/3/" + doc + "/search?q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (body) {
        (body.items || []).forEach(function (a) {
          var m = /\/canvas\/(\d+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(a.target || "");
          if (!m) return;
          var n = parseInt(m[1], 10);
          (hitsByPage[n] = hitsByPage[n] || []).push({
            x: +m[2], y: +m[3], w: +m[4], h: +m[5], text: (a.body && a.body.value) || "",
          });
          total += 1;
        });
      })
      .catch(function () { /* no boxes: the scan is still shown */ })
      .then(function () {
        hitsLoaded = true;
        if (opened) drawHits();
        ready();
      });
  }
  show(index);
})();
