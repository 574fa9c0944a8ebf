// kam: small comforts on top of pages that work without JavaScript.
// No inline handlers: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  // Select a shown-once secret with one click, so it is easy to copy.
  document.querySelectorAll("code.copy").forEach(function (el) {
    el.setAttribute("tabindex", "0");
    el.addEventListener("click", function () {
      var range = document.createRange();
      range.selectNodeContents(el);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  });

  // Ask before destructive actions (sign out everywhere, disable, revoke).
  document.querySelectorAll("form button.danger").forEach(function (btn) {
    btn.form.addEventListener("submit", function (ev) {
      var lang = document.documentElement.lang;
      var q = lang === "en" ? "Are you sure?" : "确定要执行此操作吗？";
      if (!window.confirm(q)) {
        ev.preventDefault();
      }
    });
  });

  // Move focus to the first invalid field of a refused form.
  var bad = document.querySelector("[aria-invalid=true]");
  if (bad) {
    bad.focus();
  }
})();
