// «Скопировать ссылку» on a document page: copies the citation held in the button's
// data-citation attribute and says so in the status line next to it.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-citation]");
  if (!button) return;
  var status = document.querySelector("[data-copy-status]");
  function say(text) { if (status) status.textContent = text; }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  button.addEventListener("click", function () {
    var text = button.getAttribute("data-citation") || "";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () { say("Ссылка скопирована"); },
        function () { say(fallback(text) ? "Ссылка скопирована" : "Не удалось скопировать: выделите текст ссылки выше"); }
      );
    } else {
      say(fallback(text) ? "Ссылка скопирована" : "Не удалось скопировать: выделите текст ссылки выше");
    }
  });
})();
