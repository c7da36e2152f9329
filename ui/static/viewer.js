// Document viewer: boxes over the words a query hits on page images, zoom, hit-page stepping.
// Boxes come from GET /api/v1/documents/{id}/hits (the index's own analysis) and are placed
// in percent of the page image, so they follow the image at any zoom or window width.
(function () {
  "use strict";
  const root = document.querySelector("[data-viewer]");
  if (!root) return;
  const docId = root.dataset.doc;
  const q = root.dataset.q || "";
  const status = root.querySelector("[data-hit-status]");
  const prev = root.querySelector("[data-hit-prev]");
  const next = root.querySelector("[data-hit-next]");
  const zoomLabel = root.querySelector("[data-zoom-label]");
  let hitPages = [];
  let current = -1;
  let zoom = 1;

  // Pages scrolled to (hit steps, #page-N links) keep their heading below the sticky bar.
  function barHeight() {
    document.documentElement.style.setProperty("--viewer-bar-height", `${root.offsetHeight + 8}px`);
  }
  barHeight();
  if (window.ResizeObserver) new ResizeObserver(barHeight).observe(root);

  function pct(v, total) { return (100 * v / total).toFixed(3) + "%"; }

  function draw(page) {
    const fig = document.querySelector(`#page-${page.page} .page-image`);
    if (!fig || !page.width || !page.height) return;
    let layer = fig.querySelector(".hit-layer");
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "hit-layer";
      fig.appendChild(layer);
    }
    layer.replaceChildren(...page.hits.map((h) => {
      const box = document.createElement("div");
      box.className = "hit-box";
      box.title = `${h.text} (уверенность ${Math.round(h.confidence)}%)`;
      box.style.left = pct(h.left, page.width);
      box.style.top = pct(h.top, page.height);
      box.style.width = pct(h.width, page.width);
      box.style.height = pct(h.height, page.height);
      return box;
    }));
    fig.closest(".page").classList.add("has-hits");
  }

  function show(i) {
    if (!hitPages.length) return;
    current = (i + hitPages.length) % hitPages.length;
    const n = hitPages[current];
    document.querySelectorAll(".page.current-hit").forEach((el) => el.classList.remove("current-hit"));
    const section = document.getElementById(`page-${n}`);
    section.classList.add("current-hit");
    section.scrollIntoView({ block: "start" });
    status.textContent = `Страница ${n}: совпадение ${current + 1} из ${hitPages.length} стр.`;
    history.replaceState(null, "", `#page-${n}`);
  }

  function setZoom(z) {
    zoom = Math.min(4, Math.max(0.5, z));
    document.documentElement.style.setProperty("--page-zoom", zoom);
    zoomLabel.textContent = `${Math.round(zoom * 100)}%`;
  }

  root.querySelector("[data-zoom-in]").addEventListener("click", () => setZoom(zoom * 1.25));
  root.querySelector("[data-zoom-out]").addEventListener("click", () => setZoom(zoom / 1.25));
  root.querySelector("[data-zoom-reset]").addEventListener("click", () => setZoom(1));
  prev.addEventListener("click", () => show(current < 0 ? hitPages.length - 1 : current - 1));
  next.addEventListener("click", () => show(current + 1));
  setZoom(1);

  if (!q.trim()) {
    status.textContent = "Введите запрос, чтобы увидеть совпадения на изображениях.";
    return;
  }
  fetch(`/api/v1/documents/${docId}/hits?q=${encodeURIComponent(q)}`)
    .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
    .then((data) => {
      data.pages.forEach(draw);
      hitPages = data.pages.map((p) => p.page);
      prev.disabled = next.disabled = hitPages.length === 0;
      status.textContent = hitPages.length
        ? `Совпадений на изображениях: ${data.total} на ${hitPages.length} стр.`
        : "На изображениях страниц совпадений нет.";
      root.dataset.ready = "1";
    })
    .catch(() => {
      status.textContent = "Не удалось загрузить совпадения.";
      root.dataset.ready = "1";
    });
})();
