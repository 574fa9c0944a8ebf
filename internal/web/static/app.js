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

  // Method terms written once per row point at the page's shared
  // explanation (aria-describedby to a hidden element) instead of repeating
  // it; give each the explanation as its title for the hover and focus
  // tooltip.
  var explain = function (el, ref) {
    var def = ref && document.getElementById(ref.split(" ")[0]);
    if (def && def.parentNode.classList.contains("term-defs") && !el.title) {
      el.title = def.textContent;
    }
  };
  document.querySelectorAll("abbr.term[aria-describedby]").forEach(function (el) {
    explain(el, el.getAttribute("aria-describedby"));
  });
  document.querySelectorAll("label > abbr:not([title])").forEach(function (el) {
    var box = el.parentNode.control;
    explain(el, box && box.getAttribute("aria-describedby"));
  });

  // Move focus to the first invalid field of a refused form.
  var bad = document.querySelector("[aria-invalid=true]");
  if (bad) {
    bad.focus();
  }
})();
