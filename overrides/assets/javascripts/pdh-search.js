/* Keyboard shortcut for the header search box: « / » or « s », as in Material's own search. */
(function () {
  "use strict";
  var input = document.getElementById("pdh-search-input");
  if (!input) return;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || (event.key !== "/" && event.key !== "s")) return;
    event.preventDefault();
    input.focus();
  });
})();
