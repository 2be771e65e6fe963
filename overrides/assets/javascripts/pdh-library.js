/*
 * Library facets that combine instantly, with the state in the URL (?type=…&theme=…).
 * Progressive enhancement: without JavaScript the form stays hidden and every facet value
 * has its own static, paginated page. The index (publications/index.json) is fetched once,
 * on the first change or when the URL already carries a filter.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-pdh-library]");
  if (!form) return;
  var results = document.getElementById("pdh-library-results");
  var count = document.getElementById("pdh-library-count");
  var staticList = document.getElementById("pdh-library-static");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var indexUrl = new URL(form.dataset.index, window.location.href);
  var index = null;
  var LIMIT = 50;

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(indexUrl.href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) { index = data.items; return index; });
  }

  function state() {
    var wanted = {};
    selects.forEach(function (select) { if (select.value) wanted[select.name] = select.value; });
    return wanted;
  }

  function matches(item, wanted, except) {
    return Object.keys(wanted).every(function (key) {
      if (key === except) return true;
      var values = item.f[key];
      return Array.isArray(values) ? values.indexOf(wanted[key]) !== -1 : values === wanted[key];
    });
  }

  function updateCounts(items, wanted) {
    selects.forEach(function (select) {
      var counts = {};
      items.forEach(function (item) {
        if (!matches(item, wanted, select.name)) return;
        [].concat(item.f[select.name]).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var label = option.dataset.label || option.textContent.replace(/ \(\d+\)$/, "");
        option.dataset.label = label;
        option.textContent = label + " (" + (counts[option.value] || 0) + ")";
      });
    });
  }

  function render(items) {
    results.textContent = "";
    items.slice(0, LIMIT).forEach(function (item) {
      var li = document.createElement("li");
      li.className = "pdh-pub";
      var h = document.createElement("h2");
      h.className = "pdh-pub__title";
      var a = document.createElement("a");
      a.href = new URL(item.u, indexUrl.href).href;
      a.textContent = item.t;
      h.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "pdh-pub__meta";
      meta.textContent = item.k + " · " + item.d.split("-").reverse().join("/") + " · " + item.a;
      li.appendChild(h);
      li.appendChild(meta);
      results.appendChild(li);
    });
  }

  function writeUrl(wanted) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) { params.delete(select.name); });
    Object.keys(wanted).forEach(function (key) { params.set(key, wanted[key]); });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function apply() {
    var wanted = state();
    writeUrl(wanted);
    var active = Object.keys(wanted).length > 0;
    if (!active) {
      results.hidden = true;
      count.hidden = true;
      staticList.hidden = false;
      if (index) updateCounts(index, wanted);
      return;
    }
    load().then(function (items) {
      var found = items.filter(function (item) { return matches(item, wanted); });
      render(found);
      updateCounts(items, wanted);
      count.textContent = found.length + (found.length > 1 ? " publications trouvées" : " publication trouvée") +
        (found.length > LIMIT ? " (les " + LIMIT + " plus récentes sont affichées)" : "");
      count.hidden = false;
      results.hidden = false;
      staticList.hidden = true;
    }).catch(function () {
      count.textContent = "Le filtrage instantané est indisponible : utilisez les liens « Parcourir par critère ».";
      count.hidden = false;
    });
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
  if (Object.keys(state()).length) apply();
})();
