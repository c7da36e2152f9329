// Upload a batch, then follow its progress (server-sent events read with fetch, so the
// API key travels in the Authorization header, which EventSource cannot send).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const form = $("upload");
  const keyInput = $("key");
  keyInput.value = sessionStorage.getItem("achyk-key") || "";
  let batchId = null;

  function headers() {
    return { Authorization: "Bearer " + keyInput.value.trim() };
  }

  function showError(text) {
    $("message").textContent = text;
    $("message").hidden = !text;
  }

  // The API's validation errors are the framework's English («Field required»): the form
  // names the field and the problem in Russian instead (issue #20).
  const FIELDS = { files: "Файлы или ZIP", manifest: "Манифест (CSV)", collection: "Коллекция",
                   label: "Название пакета" };

  function problem(err) {
    const field = FIELDS[(err.loc || []).slice(-1)[0]] || "Поле формы";
    if (err.type === "missing") return "«" + field + "»: не заполнено";
    if (err.type === "string_too_long" && err.ctx && err.ctx.max_length)
      return "«" + field + "»: слишком длинно, не больше " + err.ctx.max_length + " символов";
    return "«" + field + "»: недопустимое значение";
  }

  async function detail(resp) {
    try {
      const body = await resp.json();
      if (typeof body.detail === "string") return body.detail;
      if (Array.isArray(body.detail)) return body.detail.map(problem).join("; ");
    } catch (e) { /* not JSON: a proxy's page */ }
    return "Сервер ответил ошибкой " + resp.status + ": попробуйте ещё раз позже";
  }

  function eta(seconds) {
    if (seconds === null || seconds === undefined) return "";
    if (seconds < 60) return "осталось около " + Math.max(1, Math.round(seconds)) + " с";
    return "осталось около " + Math.round(seconds / 60) + " мин";
  }

  function render(st) {
    $("batch").hidden = false;
    $("batch-id").textContent = st.id;
    $("progress").max = Math.max(1, st.total);
    $("progress").value = st.done;
    $("done").textContent = st.done;
    $("total").textContent = st.total;
    // Each item counted once: a duplicate's document may be published or failed too,
    // but it is shown among the duplicates only («опубликовано 2 · дубликатов 1» for two
    // files read as three).
    $("published").textContent = st.new_published;
    $("failed").textContent = st.failures.filter((f) => f.outcome !== "duplicate").length;
    $("duplicates").textContent = st.duplicates;
    $("eta").textContent = st.finished ? "" : eta(st.eta_seconds);
    $("finished").hidden = !st.finished;
    const body = document.querySelector("#failures tbody");
    body.replaceChildren();
    for (const f of st.failures) {
      const tr = document.createElement("tr");
      for (const v of [f.source, f.stage || "", f.error_code || "", f.message || ""]) {
        const td = document.createElement("td");
        td.textContent = v;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    $("failures").hidden = st.failures.length === 0;
    $("retry").disabled = !st.finished || !st.failures.some((f) => f.state === "failed");
  }

  async function follow(id) {
    const resp = await fetch("/api/v1/batches/" + id + "/events", { headers: headers() });
    if (!resp.ok) { showError(await detail(resp)); return; }
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6)).join("\n");
        if (data) render(JSON.parse(data));
      }
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    showError("");
    sessionStorage.setItem("achyk-key", keyInput.value.trim());
    const data = new FormData();
    for (const f of $("files").files) data.append("files", f, f.webkitRelativePath || f.name);
    if ($("manifest").files.length) data.append("manifest", $("manifest").files[0]);
    data.append("collection", $("collection").value);
    data.append("label", $("label").value);
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const resp = await fetch("/api/v1/batches", { method: "POST", body: data, headers: headers() });
      if (!resp.ok) { showError(await detail(resp)); return; }
      const st = await resp.json();
      batchId = st.id;
      render(st);
      await follow(batchId);
    } catch (e) {
      showError("Сбой сети: сервер не ответил, попробуйте ещё раз");
    } finally {
      button.disabled = false;
    }
  });

  $("retry").addEventListener("click", async () => {
    if (batchId === null) return;
    showError("");
    $("retry").disabled = true;
    const resp = await fetch("/api/v1/batches/" + batchId + "/retry", { method: "POST", headers: headers() });
    if (!resp.ok) { showError(await detail(resp)); return; }
    await follow(batchId);
  });
})();
