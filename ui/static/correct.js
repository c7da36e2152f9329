// The archivist's line editor: one input per recognized line beside the scan; the focused
// line is outlined on the scan. Saves only the changed lines (PUT .../text with the version
// it was opened at), lists the history and reverts. The API key stays in this tab.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("correct-key");
  if (!form) return;
  const words = form.dataset;
  const base = `/api/v1/documents/${words.doc}/pages/${words.page}`;
  const key = $("key");
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const status = (text) => { $("status").textContent = text; };
  let page = null;
  let report = null;
  key.value = sessionStorage.getItem("achyk-key") || "";

  async function call(method, url, body) {
    const headers = { Authorization: "Bearer " + key.value.trim() };
    if (body) headers["Content-Type"] = "application/json";
    const r = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = (r.headers.get("content-type") || "").includes("json")
      ? await r.json().catch(() => ({})) : {};
    if (!r.ok) throw new Error(data.detail && typeof data.detail === "string"
      ? data.detail : fill(words.error, { status: r.status }));
    return data;
  }

  async function image(url) {  // with the key (restricted collections); CSP allows data: only
    const r = await fetch(url, { headers: { Authorization: "Bearer " + key.value.trim() } });
    if (!r.ok) return null;
    const blob = await r.blob();
    return new Promise((done) => {
      const reader = new FileReader();
      reader.onload = () => done(reader.result);
      reader.readAsDataURL(blob);
    });
  }

  const pct = (v, total) => (100 * v / total).toFixed(3) + "%";

  function outline(box) {
    const el = $("line-box");
    if (!box || !page.width || !page.height) { el.hidden = true; return; }
    el.style.left = pct(box[0], page.width);
    el.style.top = pct(box[1], page.height);
    el.style.width = pct(box[2], page.width);
    el.style.height = pct(box[3], page.height);
    el.hidden = false;
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function drawLines() {
    const list = $("lines");
    list.replaceChildren();
    for (const line of page.lines) {
      const li = document.createElement("li");
      li.value = line.index + 1;
      const input = document.createElement("input");
      input.id = `line-${line.index}`;
      input.value = line.text;
      input.dataset.index = line.index;
      input.dataset.original = line.text;
      input.setAttribute("aria-label", `${words.line} ${line.index + 1}`);
      input.addEventListener("focus", () => outline(line.box));
      input.addEventListener("keydown", (ev) => {  // Enter: the next line (Shift: previous)
        if (ev.key !== "Enter" || ev.ctrlKey || ev.metaKey) return;  // Ctrl+Enter saves
        ev.preventDefault();
        const to = $(`line-${line.index + (ev.shiftKey ? -1 : 1)}`);
        if (to) to.focus();
      });
      input.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
          ev.preventDefault();
          $("correct-lines").requestSubmit();
        }
      });
      input.addEventListener("input", () =>
        input.classList.toggle("changed", input.value !== input.dataset.original));
      li.appendChild(input);
      list.appendChild(li);
    }
    $("correct-lines").hidden = false;
  }

  function drawHistory(revisions) {
    const list = $("history");
    list.replaceChildren();
    for (const rev of revisions) {
      const li = document.createElement("li");
      const head = document.createElement("p");
      head.textContent = `№${rev.id} · ${new Date(rev.at).toLocaleString()} · ${rev.author}` +
        (rev.reason ? ` · ${rev.reason}` : "") + (rev.reverts_id ? ` · ↶ №${rev.reverts_id}` : "");
      li.appendChild(head);
      for (const c of rev.changes) {
        const p = document.createElement("p");
        p.className = "history-change";
        const del = document.createElement("del");
        del.textContent = c.old;
        const ins = document.createElement("ins");
        ins.textContent = c.new;
        p.append(`${words.line} ${c.index + 1}: `, del, " → ", ins);
        li.appendChild(p);
      }
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = words.revert;
      b.addEventListener("click", () => run(async () => {
        const saved = await call("POST", `${base}/revert`, { revision: rev.id });
        await load();
        status(fill(words.saved, { id: saved.id }));
      }));
      li.appendChild(b);
      list.appendChild(li);
    }
    $("history-section").hidden = false;
  }

  async function prefill() {
    if (!words.report) return;
    const reports = await call("GET", "/api/v1/corrections/reports?status=all");
    report = reports.find((r) => String(r.id) === words.report) || null;
    if (!report || report.line_index == null) return;
    const input = $(`line-${report.line_index}`);
    if (!input) return;
    input.value = report.suggested;
    input.classList.add("changed");
    input.focus();
    status(fill(words.suggested, { id: report.id, line: report.line_index + 1 }));
  }

  async function load() {
    sessionStorage.setItem("achyk-key", key.value.trim());
    page = await call("GET", `${base}/text`);
    if (!page.editable) { status(words.readonly); return; }
    if (page.image_url) {
      const src = await image(page.image_url);
      if (src) { $("scan-img").src = src; $("scan").hidden = false; }
    }
    drawLines();
    status(fill(words.loaded, { n: page.lines.length, version: page.version }));
    drawHistory(await call("GET", `${base}/revisions`));
  }

  async function run(action) {
    try { await action(); } catch (e) { status(e.message); }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    run(async () => { await load(); await prefill(); });
  });

  $("correct-lines").addEventListener("submit", (ev) => {
    ev.preventDefault();
    run(async () => {
      const lines = [...$("lines").querySelectorAll("input")]
        .filter((i) => i.value !== i.dataset.original)
        .map((i) => ({ index: Number(i.dataset.index), text: i.value }));
      if (!lines.length) { status(words.nothing); return; }
      const body = { lines, reason: $("reason").value, version: page.version };
      if (report) body.report_id = report.id;
      const saved = await call("PUT", `${base}/text`, body);
      report = null;
      $("reason").value = "";
      await load();
      status(fill(words.saved, { id: saved.id }));
    });
  });

  if (key.value) run(async () => { await load(); await prefill(); });
})();
