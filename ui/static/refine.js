// Results page: a new order applies at once (without JavaScript, «Найти» applies it).
(function () {
  "use strict";
  const sort = document.querySelector("[data-sort]");
  if (sort && sort.form) sort.addEventListener("change", () => sort.form.submit());
})();
// On a phone the years and dates fold away unless one is set, so the first result shows.
(function () {
  "use strict";
  const dates = document.querySelector("[data-dates]");
  if (!dates || !window.matchMedia("(max-width: 800px)").matches) return;
  if (!Array.from(dates.querySelectorAll("input")).some((i) => i.value)) dates.open = false;
})();
