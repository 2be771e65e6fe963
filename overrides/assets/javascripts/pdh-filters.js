/*
 * Instant filters for listings (directory, library, agenda): progressive enhancement.
 * Without JavaScript the form stays hidden and the static filter pages do the job.
 * A <form data-pdh-filter data-target="list-id" data-count="count-id"> holds <select name="k">;
 * each item [data-pdh-item] of the list carries data-k="v1 v2"; the state lives in the URL (?k=v).
 */
(function () {
  "use strict";

  // The state of a filter form lives in the URL (?k=v): read back on load and when Back or Forward
  // is used, written on each change as a history entry of its own (so Back undoes a filter).
  function connect(form, selects, apply) {
    function read() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name);
        var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
        select.value = value && known ? value : "";
      });
    }
    function changed() {
      writeUrl(selects);
      apply();
    }
    read();
    selects.forEach(function (select) { select.addEventListener("change", changed); });
    form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { read(); apply(); });
    form.hidden = false;
    collapse(form, selects);
    if (selects.some(function (select) { return select.value; })) apply();
  }

  // On a phone the criteria fold behind their legend (a <details>): open where there is room,
  // or when the page opens with a filter already chosen.
  function collapse(form, selects) {
    var panel = form.querySelector("details.pdh-filters__panel");
    if (!panel) return;
    var wide = window.matchMedia("(min-width: 45em)").matches;
    panel.open = wide || selects.some(function (select) { return select.value; });
  }

  function writeUrl(selects) {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value); else params.delete(select.name);
    });
    var query = params.toString();
    var target = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (target !== window.location.pathname + window.location.search + window.location.hash) {
      history.pushState(null, "", target);
    }
  }

  // « Label (n) »: how many items each value would show, given the other filters chosen.
  function countOptions(selects, count) {
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var label = option.dataset.label || option.textContent.replace(/ \(\d+\)$/, "");
        option.dataset.label = label;
        option.textContent = label + " (" + count(select.name, option.value) + ")";
      });
    });
  }

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
        var match = matches(item, state);
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = shown + " " + (shown > 1 ? form.dataset.many : form.dataset.one);
      }
      if (form.hasAttribute("data-counts")) {
        countOptions(selects, function (name, value) {
          var other = {};
          Object.keys(state).forEach(function (key) { if (key !== name) other[key] = state[key]; });
          other[name] = value;
          return items.filter(function (item) { return matches(item, other); }).length;
        });
      }
    }

    function matches(item, state) {
      return Object.keys(state).every(function (key) {
        return (item.getAttribute("data-" + key) || "").split(" ").indexOf(state[key]) !== -1;
      });
    }

    connect(form, selects, apply);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-pdh-filter]"), setUp);

  // Library facets that combine instantly, with the state in the URL (?type=…&theme=…): a facet
  // page's « Voir les N publications » opens the library here, its facet already chosen.
  // Progressive enhancement: without JavaScript the form stays hidden and every facet value
  // has its own static page (its latest publications). The index (publications/index.json) is
  // fetched once, on the first change or when the URL already carries a filter. Results come
  // a listing page at a time (data-limit), « Afficher plus » adds the next ones.
  function setUpLibrary() {
    var form = document.querySelector("form[data-pdh-library]");
    if (!form) return;
    var results = document.getElementById("pdh-library-results");
    var count = document.getElementById("pdh-library-count");
    var staticList = document.getElementById("pdh-library-static");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var indexUrl = new URL(form.dataset.index, window.location.href);
    var index = null;
    var loading = null;  // one request, however many changes happen while it is under way
    var LIMIT = parseInt(form.dataset.limit, 10) || 50;
    var limit = LIMIT;
    var found = [];
    var more = document.createElement("button");
    more.type = "button";
    more.className = "md-button pdh-more-button";
    more.textContent = form.dataset.more;
    more.hidden = true;
    results.parentNode.insertBefore(more, results.nextSibling);
    more.addEventListener("click", function () {
      var first = limit;
      limit += LIMIT;
      show();
      // Keyboard and screen-reader users go on from the first result just added.
      var added = results.children[first];
      if (added) added.querySelector("a").focus();
    });

    function load() {
      if (!loading) {
        loading = fetch(indexUrl.href).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (data) { index = data.items; return index; });
        loading.catch(function () { loading = null; });  // a later change may try again
      }
      return loading;
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
      var counts = {};
      selects.forEach(function (select) {
        var mine = counts[select.name] = {};
        items.forEach(function (item) {
          if (!matches(item, wanted, select.name)) return;
          [].concat(item.f[select.name]).forEach(function (value) { mine[value] = (mine[value] || 0) + 1; });
        });
      });
      countOptions(selects, function (name, value) { return counts[name][value] || 0; });
    }

    // As the static list: the PDF's cover, or a block naming the type (decorative either way).
    function cover(item) {
      var element;
      if (item.c) {
        element = document.createElement("img");
        element.src = new URL(item.c, indexUrl.href).href;
        element.width = item.w;
        element.height = item.h;
        element.alt = "";
        element.loading = "lazy";
        element.className = "pdh-cover";
      } else {
        element = document.createElement("span");
        element.className = "pdh-cover pdh-cover--placeholder pdh-cover--" + item.y;
        element.setAttribute("aria-hidden", "true");
        element.textContent = item.k;
      }
      return element;
    }

    function render(items) {
      results.textContent = "";
      items.slice(0, limit).forEach(function (item) {
        var li = document.createElement("li");
        li.className = "pdh-pub";
        li.setAttribute("data-pdh-item", "");
        li.appendChild(cover(item));
        var body = document.createElement("div");
        body.className = "pdh-pub__body";
        var h = document.createElement("h2");
        h.className = "pdh-pub__title";
        var a = document.createElement("a");
        a.href = new URL(item.u, indexUrl.href).href;
        a.textContent = item.t;
        h.appendChild(a);
        // As the static list shows it: the type as a badge, the date written out, the authors.
        var meta = document.createElement("p");
        meta.className = "pdh-pub__meta";
        var kind = document.createElement("span");
        kind.className = "pdh-badge";
        kind.textContent = item.k;
        var date = document.createElement("time");
        date.dateTime = item.d;
        date.textContent = item.D;
        meta.appendChild(kind);
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(date);
        meta.appendChild(document.createTextNode(" · " + item.a + (item.s ? " · " + item.s : "")));
        body.appendChild(h);
        body.appendChild(meta);
        li.appendChild(body);
        results.appendChild(li);
      });
    }

    // The results found so far, `limit` of them, with the count and « Afficher plus » if some remain.
    function show() {
      render(found);
      // The page's words (its language's catalog), with {n} and {limit} to fill in.
      count.textContent = (found.length > 1 ? form.dataset.foundMany : form.dataset.foundOne).replace("{n}", found.length) +
        (found.length > limit ? form.dataset.limited.replace("{limit}", limit) : "");
      more.hidden = found.length <= limit;
    }

    function apply() {
      var wanted = state();
      var active = Object.keys(wanted).length > 0;
      if (!active) {
        results.hidden = true;
        more.hidden = true;
        count.hidden = true;
        staticList.hidden = false;
        if (index) updateCounts(index, wanted);
        return;
      }
      load().then(function (items) {
        // The form as it is now, not as it was when this change started: answers may come late.
        wanted = state();
        if (!Object.keys(wanted).length) return;
        found = items.filter(function (item) { return matches(item, wanted); });
        limit = LIMIT;
        show();
        updateCounts(items, wanted);
        count.hidden = false;
        results.hidden = false;
        staticList.hidden = true;
      }).catch(function () {
        count.textContent = form.dataset.unavailable;
        count.hidden = false;
      });
    }

    connect(form, selects, apply);
  }

  setUpLibrary();
})();
