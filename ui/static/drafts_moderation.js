// The developer agency's moderation desk for one draft: the comments as written, approve
// or reject with a reason from the fixed list, answer each published comment. Everything
// goes through the public API with the agency's key, which stays in this tab.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const form = $("moderation-key");
  if (!form) return;
  const words = form.dataset;
  const statuses = JSON.parse(words.statuses);
  const reasons = JSON.parse(words.reasons);
  const answers = JSON.parse(words.answers);
  const kinds = JSON.parse(words.kinds);
  const base = `/api/v1/drafts/${words.draft}/comments`;
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

  function choice(labelText, options) {
    const label = document.createElement("label");
    label.textContent = labelText + " ";
    const select = document.createElement("select");
    for (const [value, text] of Object.entries(options)) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      select.appendChild(option);
    }
    label.appendChild(select);
    return [label, select];
  }

  function button(text, action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", () => act(action));
    return b;
  }

  function row(c) {
    const tr = document.createElement("tr");
    tr.dataset.id = c.id;
    cell(tr, c.id);
    cell(tr, c.anchor.unit_id ? c.anchor.label : words.whole);
    const m = c.moderation || {};
    cell(tr, [kinds[c.commenter_kind] || c.commenter_kind, m.organization].filter(Boolean).join(", "));
    cell(tr, m.text);
    const state = cell(tr, statuses[c.status] || c.status);
    if (c.status === "rejected" && m.reject_reason) state.textContent += ": " + (reasons[m.reject_reason] || m.reject_reason);
    if (c.answer) state.textContent += "; " + (answers[c.answer] || c.answer);
    const td = cell(tr, "");
    const url = `${base}/${c.id}`;
    if (c.status === "pending" || c.status === "approved" || c.status === "rejected") {
      if (c.status !== "approved") {
        td.append(button(words.approve, async () => {
          await call("POST", `${url}/moderation`, { action: "approve" });
          await load(words.saved);
        }), " ");
      }
      if (c.status !== "rejected") {
        const [label, select] = choice(words.rejectReason, reasons);
        td.append(label, " ", button(words.reject, async () => {
          await call("POST", `${url}/moderation`, { action: "reject", reason: select.value });
          await load(words.saved);
        }));
      }
    }
    if (c.status === "approved") {
      const box = document.createElement("div");
      const [label, select] = choice(words.answerKind, answers);
      if (c.answer) select.value = c.answer;
      const reasonLabel = document.createElement("label");
      reasonLabel.textContent = words.answerReason + " ";
      const reason = document.createElement("input");
      reason.maxLength = 5000;
      reason.value = c.answer_reason || "";
      reasonLabel.appendChild(reason);
      box.append(label, " ", reasonLabel, " ", button(words.answer, async () => {
        await call("POST", `${url}/answer`, { kind: select.value, reason: reason.value });
        await load(words.saved);
      }));
      td.appendChild(box);
    }
    return tr;
  }

  async function load(done) {
    sessionStorage.setItem("achyk-key", key.value.trim());
    const data = await call("GET", base);
    $("moderation-queue").querySelector("tbody").replaceChildren(...data.comments.map(row));
    status((done ? done + ". " : "") + fill(words.status, { n: data.comments.length }));
  }

  async function act(action) {
    try { await action(); } catch (e) { status(e.message); }
  }

  form.addEventListener("submit", (ev) => { ev.preventDefault(); act(() => load("")); });
})();
