/* "Copy" buttons (citations, feed addresses): shown only where the clipboard is available. A button copies
   the text of the <pre> in the figure its data-copy names, or its own data-copy-text. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  Array.prototype.forEach.call(document.querySelectorAll("button.pdh-copy"), function (button) {
    var figure = button.dataset.copy ? document.getElementById(button.dataset.copy) : null;
    var source = figure && figure.querySelector("pre");
    var text = source ? source.textContent.trim() : button.dataset.copyText;
    if (!text) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
