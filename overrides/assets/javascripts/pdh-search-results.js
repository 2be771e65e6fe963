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
  var active = document.getElementById("pdh-search-active");
  var activeText = document.getElementById("pdh-search-active-text");
  var clear = document.getElementById("pdh-search-clear");
  var header = document.getElementById("pdh-search-input");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var root = new URL(form.dataset.root, window.location.href);  // the site root, also under a sub-path
  var words = form.dataset;  // the page's words, from its language's catalog ({n}, {q} filled in here)
  var PAGE = 10;
  var pagefind = null;
  var filtersLoaded = null;  // the promise of Pagefind's filter files, once « Affiner » was opened
  var openedForUrl = false;  // « Affiner » opened by the page itself, for a URL that carries filters
  var current = [];
  var shown = 0;
  var dropped = 0;  // results of this search found unrelated to the query (see `relevant`)
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

  // Pagefind answers a word absent from the site with whatever shares a few letters with it
  // (« con » for « confidentiel »): a result counts only if a word it highlights is the query
  // word, starts with it (typing), or is the same word but for an ending (« droit », « droits »).
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function relevant(data, query) {
    var terms = fold(query).split(" ").filter(Boolean);
    if (!terms.length) return true;  // filters only
    var template = document.createElement("template");
    template.innerHTML = data.excerpt;
    var marked = Array.prototype.map.call(template.content.querySelectorAll("mark"), function (mark) {
      return fold(mark.textContent);
    }).join(" ").split(" ").filter(Boolean);
    if (!marked.length) return true;  // matched where the excerpt does not show (its title): nothing to judge
    return marked.some(function (word) {
      return terms.some(function (term) {
        if (word.indexOf(term) === 0) return true;
        var stem = Math.max(3, term.length - 3);
        return word.length >= stem && term.indexOf(word.slice(0, stem)) === 0;
      });
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

  // The next page of results, those a query word really matches (see `relevant`): results are loaded
  // until a page is full or none is left. Resolves to how many were added.
  function showMore(query) {
    var added = 0;
    var mine = run;  // a newer search empties the list: this one then adds nothing more
    function step() {
      if (mine !== run) return Promise.resolve(added);
      if (added >= PAGE || shown >= current.length) {
        more.hidden = shown >= current.length;
        return Promise.resolve(added);
      }
      var slice = current.slice(shown, shown + PAGE - added);
      shown += slice.length;
      return Promise.all(slice.map(function (result) { return result.data(); })).then(function (items) {
        if (mine !== run) return added;
        items = items.filter(function (data) { return relevant(data, query); });
        dropped += slice.length - items.length;
        added += items.length;
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
        return step();
      });
    }
    return step();
  }

  // The filters in force, said next to the count (they stay chosen from one query to the next).
  function showActive(wanted) {
    var parts = selects.filter(function (select) { return wanted.filters[select.dataset.filter]; }).map(function (select) {
      return select.labels[0].textContent + words.colon + wanted.filters[select.dataset.filter];
    });
    active.hidden = !parts.length;
    activeText.textContent = parts.length ? words.activeFilters.replace("{filters}", parts.join(" ; ")) : "";
  }

  function search() {
    var wanted = state();
    writeUrl(wanted);
    if (header) header.value = wanted.q;  // the header box says what this page searched, not an earlier query
    var mine = ++run;
    if (!wanted.q && !Object.keys(wanted.filters).length) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = words.prompt;
      showActive(wanted);
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
      var about = wanted.q ? words.forQuery.replace("{q}", wanted.q) : "";
      dropped = 0;
      return showMore(wanted.q).then(function (count) {
        if (mine !== run) return;
        // None of the best results matches a query word: the rest is noise too.
        var n = count ? current.length - dropped : 0;
        if (!n) {
          current = [];
          more.hidden = true;
        }
        status.textContent = n ? (n > 1 ? words.resultsMany : words.resultsOne).replace("{n}", n) + about
                               : words.none + about + ".";
        showActive(wanted);
      });
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
  more.addEventListener("click", function () { showMore(state().q); });
  // Opened by the visitor: search again, now with the filters and their counts. Opened above for a
  // shared URL, its (asynchronous) toggle event is skipped: the first search already loads them.
  refine.addEventListener("toggle", function () {
    if (openedForUrl) openedForUrl = false;
    else if (refine.open && !filtersLoaded) search();
  });
  clear.addEventListener("click", function () {
    selects.forEach(function (select) { select.value = ""; });
    search();
    input.focus();
  });
  search();
  input.focus();
})();
