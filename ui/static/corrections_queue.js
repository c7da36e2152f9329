// The archivist's queue of misreading reports: accept (opens the page's editor with the
// reader's suggestion filled in) or reject with a reason. The API key stays in this tab.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("queue-key");
  if (!form) return;
  const words = form.dataset;
  const key = $("key");
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const status = (text) => { $("status").textContent = text; };
  key.value = sessionStorage.getItem("achyk-key") || "";

  async function call(method, url, body) {
    const headers = { Authorization: "Bearer " + key.value.trim() };
    if (body) headers["Content-Type"] = "application/json";
    const r = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(typeof data.detail === "string"
      ? data.detail : fill(words.error, { status: r.status }));
    return data;
  }

  function cell(tr, text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function row(r) {
    const tr = document.createElement("tr");
    tr.dataset.id = r.id;
    cell(tr, r.id);
    const where = cell(tr, "");
    const a = document.createElement("a");
    a.href = `/documents/${r.document_id}#page-${r.page}`;
    a.textContent = `№${r.document_id}, ${words.page} ${r.page}` +
      (r.line_index == null ? "" : `, ${words.line} ${r.line_index + 1}`);
    where.appendChild(a);
    cell(tr, r.current); cell(tr, r.suggested); cell(tr, r.note);
    const td = cell(tr, "");
    const accept = document.createElement("button");
    accept.type = "button";
    accept.textContent = words.accept;
    accept.addEventListener("click", () => act(async () => {
      const done = await call("POST", `/api/v1/corrections/reports/${r.id}`, { action: "accept" });
      const lang = words.lang === "ru" ? "" : `&lang=${words.lang}`;
      window.location.assign(done.editor_url + lang);
    }));
    const label = document.createElement("label");
    label.textContent = words.reason + " ";
    const reason = document.createElement("input");
    reason.maxLength = 500;
    label.appendChild(reason);
    const reject = document.createElement("button");
    reject.type = "button";
    reject.textContent = words.reject;
    reject.addEventListener("click", () => act(async () => {
      await call("POST", `/api/v1/corrections/reports/${r.id}`,
                 { action: "reject", reason: reason.value });
      await load();
    }));
    td.append(accept, " ", label, " ", reject);
    return tr;
  }

  async function load() {
    sessionStorage.setItem("achyk-key", key.value.trim());
    const reports = await call("GET", "/api/v1/corrections/reports");
    $("queue").querySelector("tbody").replaceChildren(...reports.map(row));
    status(fill(words.status, { n: reports.length }));
  }

  async function act(action) {
    try { await action(); } catch (e) { status(e.message); }
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); act(load); });
})();
