// Results page: a new order applies at once (without JavaScript, «Найти» applies it).
(function () {
  "use strict";
  const sort = document.querySelector("[data-sort]");
  if (sort && sort.form) sort.addEventListener("change", () => sort.form.submit());
})();
