// Norm box autocomplete: acts and the norm ids present in the index, from the API.
(function () {
  const input = document.querySelector("input[data-suggest]");
  const list = document.getElementById("norm-suggest");
  if (!input || !list) return;
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const r = await fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q));
      if (!r.ok) return;
      const data = await r.json();
      list.replaceChildren();
      for (const a of data.acts) {
        const o = document.createElement("option");
        o.value = a.abbr || a.slug;
        o.label = a.ru + (a.in_force_from ? " (с " + a.in_force_from + ")" : "") + " — " + a.slug;
        list.appendChild(o);
      }
      for (const n of data.norms) {
        const o = document.createElement("option");
        o.value = n;
        list.appendChild(o);
      }
    }, 200);
  });
})();
