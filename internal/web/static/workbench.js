// kam workbench: comforts on the strategy sheet. Every form works without
// this file; it only saves clicks and warns before losing edits.
(function () {
  "use strict";
  var zh = document.documentElement.lang !== "en";

  // A buyer row whose fields changed is marked, so its Save button stands
  // out.
  var dirty = 0;
  document.querySelectorAll("form.row-form").forEach(function (form) {
    var row = form.closest("tr");
    if (!row) { return; }
    var mark = function () {
      if (!row.classList.contains("dirty")) { row.classList.add("dirty"); dirty++; }
    };
    row.querySelectorAll("[form='" + form.id + "']").forEach(function (el) {
      el.addEventListener("change", mark);
    });
    form.addEventListener("submit", function () { dirty = 0; });
  });
  // Delete buttons: app.js asks for confirmation on every button.danger.
  // Enter in a row's select saves that row.
  document.querySelectorAll("table.buyers select").forEach(function (sel) {
    sel.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && sel.form) { ev.preventDefault(); dirty = 0; sel.form.requestSubmit(); }
    });
  });

  // The response-mode helper: the third question only matters with a gap.
  var gap = document.getElementById("f-gap_direction");
  if (gap) {
    var sync = function () {
      var yes = document.querySelector("input[name=sees_gap][value=yes]");
      gap.disabled = !(yes && yes.checked);
    };
    document.querySelectorAll("input[name=sees_gap]").forEach(function (r) { r.addEventListener("change", sync); });
    sync();
  }

  // Print button on the print view.
  var print = document.querySelector(".print-sheet .no-print");
  if (print && window.print) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = zh ? "打印" : "Print";
    b.addEventListener("click", function () { window.print(); });
    print.appendChild(document.createTextNode(" "));
    print.appendChild(b);
  }
})();
