/* "Copy" buttons for citations: shown only where the clipboard is available. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll("button.pdh-copy[data-copy]"), function (button) {
    var figure = document.getElementById(button.dataset.copy);  // the text is its <pre>, without the caption
    var source = figure && figure.querySelector("pre");
    if (!source) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = button.dataset.copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
