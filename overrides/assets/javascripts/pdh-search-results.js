/*
 * The results page (/recherche/?q=…&kind=…): Pagefind, loaded from this site only.
 * The URL holds the query and the filters, so a search can be shared. The filters (and the
 * counts beside each value) are downloaded only when « Affiner » is open: a plain search
 * fetches the index, never the filter files.
 */
(function () {
  "use strict";
  var form = document.getElementById("pdh-search");
  if (!form) return;
  var input = document.getElementById("pdh-search-q");
  var status = document.getElementById("pdh-search-status");
  var list = document.getElementById("pdh-search-results");
  var more = document.getElementById("pdh-search-more");
  var refine = document.getElementById("pdh-search-refine");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var root = new URL(form.dataset.root, window.location.href);  // the site root, also under a sub-path
  var words = form.dataset;  // the page's words, from its language's catalog ({n}, {q} filled in here)
  var PAGE = 10;
  var pagefind = null;
  var filtersLoaded = null;  // the promise of Pagefind's filter files, once « Affiner » was opened
  var openedForUrl = false;  // « Affiner » opened by the page itself, for a URL that carries filters
  var current = [];
  var shown = 0;
  var run = 0;
  var timer = null;

  document.getElementById("pdh-search-nojs").hidden = true;
  refine.hidden = false;

  function load() {
    if (pagefind) return Promise.resolve(pagefind);
    return import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: root.pathname, excerptLength: 30 }).then(function () { return pagefind; });
    });
  }

  // Once the filter files are loaded, every search reports the count of each value.
  function loadFilters(pf) {
    if (!refine.open) return Promise.resolve(null);
    if (!filtersLoaded) {
      filtersLoaded = pf.filters();
      filtersLoaded.catch(function () { filtersLoaded = null; });  // opening « Affiner » again retries
    }
    return filtersLoaded;
  }

  function state() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.dataset.filter] = select.value; });
    return { q: input.value.trim(), filters: filters };
  }

  function writeUrl(wanted) {
    var params = new URLSearchParams();
    if (wanted.q) params.set("q", wanted.q);
    Object.keys(wanted.filters).forEach(function (key) { params.set(key, wanted.filters[key]); });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function fillFilters(counts, wanted) {
    selects.forEach(function (select) {
      var name = select.dataset.filter;
      var values = counts[name] || {};
      var keep = wanted.filters[name] || "";
      select.length = 1;
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "fr"); }).forEach(function (value) {
        if (!values[value] && value !== keep) return;
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + values[value] + ")";
        select.appendChild(option);
      });
      select.value = keep;
    });
  }

  // Pagefind's excerpt is HTML with <mark>: keep the text and the marks, nothing else.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createElement("p");
    out.className = "pdh-result__excerpt";
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function shortDate(iso) {
    var parts = (iso || "").split("-");
    if (parts.length !== 3) return "";
    var lang = document.documentElement.lang || "fr";
    if (lang === "fr") return parts[2] + "/" + parts[1] + "/" + parts[0];
    return new Date(iso + "T12:00:00Z").toLocaleDateString(lang + "-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  function showMore() {
    var slice = current.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= current.length;
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (items) {
      items.forEach(function (data) {
        var li = document.createElement("li");
        li.className = "pdh-result";
        var meta = document.createElement("p");
        meta.className = "pdh-result__meta";
        var kind = document.createElement("span");
        kind.className = "pdh-badge";
        kind.textContent = data.meta.kind || words.pageKind;
        meta.appendChild(kind);
        if (data.meta.date) meta.appendChild(document.createTextNode(" " + shortDate(data.meta.date)));
        var title = document.createElement("h2");
        title.className = "pdh-result__title";
        var link = document.createElement("a");
        link.href = data.url;
        link.textContent = data.meta.title || data.url;
        title.appendChild(link);
        li.appendChild(title);
        li.appendChild(meta);
        li.appendChild(excerpt(data.excerpt));
        list.appendChild(li);
      });
    });
  }

  function search() {
    var wanted = state();
    writeUrl(wanted);
    var mine = ++run;
    if (!wanted.q && !Object.keys(wanted.filters).length) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = words.prompt;
      return load().then(loadFilters).then(function (counts) {
        if (mine === run && counts) fillFilters(counts, wanted);
      });
    }
    status.textContent = words.searching;
    return load().then(function (pf) {
      return loadFilters(pf).then(function () { return pf.search(wanted.q || null, { filters: wanted.filters }); });
    }).then(function (response) {
      if (mine !== run || !response) return;
      current = response.results;
      shown = 0;
      list.textContent = "";
      if (filtersLoaded) fillFilters(response.filters, wanted);
      var n = current.length;
      var about = wanted.q ? words.forQuery.replace("{q}", wanted.q) : "";
      status.textContent = n ? (n > 1 ? words.resultsMany : words.resultsOne).replace("{n}", n) + about
                             : words.none + about + ".";
      return showMore();
    }).catch(function () {
      status.textContent = words.unavailable;
    });
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var value = params.get(select.dataset.filter);
    if (value) {
      refine.open = true;  // a shared search with filters shows them (the search below loads them)
      openedForUrl = true;
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
      select.value = value;
    }
    select.addEventListener("change", search);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  more.addEventListener("click", showMore);
  // Opened by the visitor: search again, now with the filters and their counts. Opened above for a
  // shared URL, its (asynchronous) toggle event is skipped: the first search already loads them.
  refine.addEventListener("toggle", function () {
    if (openedForUrl) openedForUrl = false;
    else if (refine.open && !filtersLoaded) search();
  });
  var header = document.getElementById("pdh-search-input");
  if (header) header.value = input.value;
  search();
  input.focus();
})();
