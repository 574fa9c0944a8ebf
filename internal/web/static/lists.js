// Keyboard shortcuts of every page: "/" focuses the header search, "n" opens
// a new action on a deal's sheet, "g w" / "g d" / "g f" go to My week, the
// deals and the funnel, "?" shows the list of them. Keys typed into a field
// are left alone. The pages work the same without this script.
(function () {
  "use strict";
  var pending = "";
  var timer = 0;
  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }
  function help(show) {
    var box = document.getElementById("keys-help");
    if (!box) return;
    box.hidden = !show;
    if (show) {
      var b = box.querySelector("[data-keys-close]");
      if (b) b.focus();
    }
  }
  document.addEventListener("click", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-keys-close")) help(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") { help(false); return; }
    if (typing(e.target)) return;
    var k = e.key;
    if (pending === "g") {
      pending = "";
      clearTimeout(timer);
      var to = { w: "/", d: "/opportunities", f: "/funnel" }[k];
      if (to) { e.preventDefault(); window.location.href = to; }
      return;
    }
    switch (k) {
      case "/": {
        var q = document.getElementById("hdr-q");
        if (q) { e.preventDefault(); q.focus(); q.select(); }
        return;
      }
      case "n": {
        var a = document.querySelector('a[href$="/actions/new"]');
        if (a) { e.preventDefault(); window.location.href = a.getAttribute("href"); }
        return;
      }
      case "g":
        pending = "g";
        timer = setTimeout(function () { pending = ""; }, 1500);
        return;
      case "?":
        e.preventDefault();
        help(true);
        return;
    }
  });
})();
