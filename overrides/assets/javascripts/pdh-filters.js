/*
 * Instant filters for listings (directory, library, agenda): progressive enhancement.
 * Without JavaScript the form stays hidden and the static filter pages do the job.
 * A <form data-pdh-filter data-target="list-id" data-count="count-id"> holds <select name="k">;
 * each item [data-pdh-item] of the list carries data-k="v1 v2"; the state lives in the URL (?k=v).
 */
(function () {
  "use strict";

  function setUp(form) {
    var list = document.getElementById(form.dataset.target);
    var count = document.getElementById(form.dataset.count);
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-pdh-item]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function wanted() {
      var state = {};
      selects.forEach(function (select) { if (select.value) state[select.name] = select.value; });
      return state;
    }

    function apply() {
      var state = wanted();
      var shown = 0;
      items.forEach(function (item) {
        var match = Object.keys(state).every(function (key) {
          return (item.getAttribute("data-" + key) || "").split(" ").indexOf(state[key]) !== -1;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = shown + " " + (shown > 1 ? form.dataset.many : form.dataset.one);
      }
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
      select.value = value && known ? value : "";
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    if (Object.keys(wanted()).length) apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-pdh-filter]"), setUp);
})();
