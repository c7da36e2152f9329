// The archivist's review queue: confirm or publish proposed records, accept or reject
// merge proposals. The API key stays in this tab (sessionStorage), as on /upload.
(function () {
  const $ = (id) => document.getElementById(id);
  const key = $("key");
  // The page's words (Russian or Kyrgyz), written by the server into the form's data.
  const words = $("review-key").dataset;
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  key.value = sessionStorage.getItem("achyk-key") || "";
  const headers = () => ({ Authorization: "Bearer " + key.value.trim(),
                           "Content-Type": "application/json" });
  const status = (text) => { $("status").textContent = text; };

  async function call(method, url, body) {
    const r = await fetch(url, { method, headers: headers(),
                                 body: body ? JSON.stringify(body) : undefined });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.detail || fill(words.error, { status: r.status }));
    return data;
  }

  function cell(tr, text) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function button(td, label, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => {
      try { await action(); await load(); } catch (e) { status(e.message); }
    });
    td.appendChild(b);
  }

  async function load() {
    sessionStorage.setItem("achyk-key", key.value.trim());
    const q = await call("GET", "/api/v1/persons/review");
    const proposed = $("proposed").querySelector("tbody");
    proposed.replaceChildren();
    for (const p of q.proposed) {
      const tr = document.createElement("tr");
      tr.dataset.id = p.id;
      cell(tr, p.id); cell(tr, p.name); cell(tr, p.birth_year); cell(tr, p.arrest_date);
      const td = cell(tr, "");
      button(td, words.confirm, () => call("POST", `/api/v1/persons/${p.id}/state`,
                                            { state: "confirmed" }));
      proposed.appendChild(tr);
    }
    const merges = $("merges").querySelector("tbody");
    merges.replaceChildren();
    for (const m of q.merges) {
      const tr = document.createElement("tr");
      tr.dataset.id = m.id;
      cell(tr, m.b_id); cell(tr, m.a_id); cell(tr, m.score);
      cell(tr, m.evidence.join(", ")); cell(tr, m.conflicts.join(", "));
      const td = cell(tr, "");
      button(td, words.merge, () => call("POST", `/api/v1/persons/merges/${m.id}/accept`));
      button(td, words.reject, () => call("POST", `/api/v1/persons/merges/${m.id}/reject`));
      merges.appendChild(tr);
    }
    status(fill(words.status, { proposed: q.proposed.length, merges: q.merges.length }));
  }

  $("review-key").addEventListener("submit", (ev) => {
    ev.preventDefault();
    load().catch((e) => status(e.message));
  });
})();
