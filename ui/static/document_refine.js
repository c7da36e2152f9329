// Document page, beside viewer.js: step through the hits of «Поиск в документе» across
// pages (the current hit marked in the text and, where the boxes line up, on the scan),
// open a permalink's page, draw a region with the mouse and copy a link to a page/region.
// Without JavaScript the page works the same way through links (page list, #page-N).
(function () {
  "use strict";
  const status = document.querySelector("[data-doc-hit-status]");
  const nav = document.querySelector("[data-doc-hit-nav]");
  const marks = Array.from(document.querySelectorAll(".page-text mark"));
  let current = -1;

  function pageOf(el) { return el.closest(".page"); }

  // The k-th mark of a page and the k-th box of its image are the same word when the
  // counts agree (both follow reading order); otherwise only the text is marked.
  function boxFor(mark) {
    const page = pageOf(mark);
    const own = Array.from(page.querySelectorAll(".page-text mark"));
    const boxes = page.querySelectorAll(".hit-layer .hit-box");
    return boxes.length === own.length ? boxes[own.indexOf(mark)] : null;
  }

  function step(delta) {
    if (!marks.length) return;
    document.querySelectorAll("mark.current, .hit-box.current").forEach((el) => el.classList.remove("current"));
    current = (current + delta + marks.length) % marks.length;
    const mark = marks[current];
    mark.classList.add("current");
    const box = boxFor(mark);
    if (box) box.classList.add("current");
    const page = pageOf(mark);
    mark.scrollIntoView({ block: "center" });
    status.textContent = `Совпадение ${current + 1} из ${marks.length}, страница ${page.dataset.page}`;
    history.replaceState(null, "", `#page-${page.dataset.page}`);
  }

  if (nav && marks.length) {
    nav.hidden = false;
    nav.querySelector("[data-doc-hit-prev]").addEventListener("click", () => step(-1));
    nav.querySelector("[data-doc-hit-next]").addEventListener("click", () => step(1));
  }

  // A permalink opens at its page (the region is boxed by the server).
  const permalink = document.querySelector("[data-permalink]");
  if (permalink && !location.hash) {
    const target = document.getElementById(`page-${permalink.dataset.page}`);
    if (target) target.scrollIntoView({ block: "start" });
  }

  // «Скопировать ссылку» of a page: the link beside it, absolute.
  function copy(text, button) {
    const done = () => { button.textContent = "Адрес скопирован"; };
    const fail = () => { button.textContent = "Не удалось: скопируйте ссылку рядом"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fail);
    } else {
      fail();
    }
  }
  document.querySelectorAll("[data-copy-link]").forEach((button) => {
    const link = button.parentElement.querySelector("[data-page-link]");
    button.hidden = false;
    button.addEventListener("click", () => copy(new URL(link.getAttribute("href"), location.href).href, button));
  });

  // Drawing a region with the mouse on a page image: the page's link then points at it.
  const SVG = "http://www.w3.org/2000/svg";
  document.querySelectorAll(".page-image[data-width]").forEach((fig) => {
    const w = Number(fig.dataset.width), h = Number(fig.dataset.height);
    const section = fig.closest(".page");
    const link = section.querySelector("[data-page-link]");
    let start = null, rect = null;

    function layer() {
      let svg = fig.querySelector("svg.region-layer");
      if (!svg) {
        svg = document.createElementNS(SVG, "svg");
        svg.setAttribute("class", "region-layer");
        svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
        svg.setAttribute("preserveAspectRatio", "none");
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", `Выделенная область страницы ${section.dataset.page}`);
        svg.setAttribute("data-region-box", "");
        fig.appendChild(svg);
      }
      return svg;
    }
    function point(ev) {
      const box = fig.getBoundingClientRect();
      return {
        x: Math.round(Math.min(Math.max(0, ev.clientX - box.left), box.width) * w / box.width),
        y: Math.round(Math.min(Math.max(0, ev.clientY - box.top), box.height) * h / box.height),
      };
    }
    fig.addEventListener("pointerdown", (ev) => {
      if (ev.pointerType !== "mouse" || ev.button !== 0) return;
      ev.preventDefault();
      start = point(ev);
      const svg = layer();
      rect = svg.querySelector("rect") || svg.appendChild(document.createElementNS(SVG, "rect"));
      fig.setPointerCapture(ev.pointerId);
    });
    fig.addEventListener("pointermove", (ev) => {
      if (!start) return;
      const p = point(ev);
      rect.setAttribute("x", Math.min(start.x, p.x));
      rect.setAttribute("y", Math.min(start.y, p.y));
      rect.setAttribute("width", Math.abs(p.x - start.x));
      rect.setAttribute("height", Math.abs(p.y - start.y));
    });
    fig.addEventListener("pointerup", () => {
      if (!start) return;
      start = null;
      const r = ["x", "y", "width", "height"].map((k) => rect.getAttribute(k) || "0");
      if (Number(r[2]) < 4 || Number(r[3]) < 4) return;
      const url = new URL(link.getAttribute("href"), location.href);
      url.searchParams.set("region", r.join(","));
      link.setAttribute("href", url.pathname + url.search);
      link.textContent = "ссылка на выделенную область";
    });
  });
})();
