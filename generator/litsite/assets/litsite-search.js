// litsite search: queries the sharded static index written by litsite/search.py.
// Per query it fetches the manifest once, one or two term shards per word, and the display
// chunks of the results shown: never a list of every page. Record text is only ever set with
// textContent, never parsed as HTML.
(function () {
  "use strict";
  var STOP = new Set(("a an and are as at be by de del el en for from in is it la las los of on " +
    "or que the to un una with y").split(" "));
  var SHOWN = 20;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return !STOP.has(w); });
  }
  function shardOf(term, bounds) {
    var lo = 0, hi = bounds.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (bounds[mid] <= term) lo = mid + 1; else hi = mid; }
    return Math.max(lo - 1, 0);
  }

  function Search(root) {
    this.root = root;
    this.base = new URL(root.getAttribute("data-index"), document.baseURI);
    this.site = new URL(root.getAttribute("data-root"), document.baseURI);
    this.cache = new Map();
    this.input = root.querySelector("input[type=search]");
    this.status = root.querySelector("[data-status]");
    this.list = root.querySelector("[data-results]");
    this.filters = Array.prototype.slice.call(root.querySelectorAll("select[data-facet]"));
  }
  Search.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, fetch(new URL(path, this.base)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return this.cache.get(path);
  };
  Search.prototype.postings = function (manifest, word, prefix) {
    // doc -> best weight over the terms that match this word
    var first = shardOf(word, manifest.bounds);
    var last = prefix ? Math.min(shardOf(word + "\uffff", manifest.bounds), first + 2) : first;
    var shards = [];
    for (var i = first; i <= last; i++) shards.push(this.get("t/" + i + ".json"));
    return Promise.all(shards).then(function (loaded) {
      var docs = new Map();
      loaded.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (term !== word && !(prefix && term.startsWith(word))) return;
          var list = shard[term], doc = 0;
          for (var j = 0; j < list.length; j += 2) {
            doc += list[j];
            docs.set(doc, Math.max(docs.get(doc) || 0, list[j + 1]));
          }
        });
      });
      return docs;
    });
  };
  Search.prototype.facetDocs = function (select) {
    var facet = select.getAttribute("data-facet"), value = select.value;
    var self = this;
    return this.get("f/" + facet + ".json").then(function (values) {
      var index = values.findIndex(function (v) { return v[0] === value; });
      if (index < 0) return new Set();
      return self.get("f/" + facet + "/" + index + ".json").then(function (set) {
        var docs = new Set(), doc = 0;
        if (set.gaps) set.gaps.forEach(function (gap) { doc += gap; docs.add(doc); });
        else {
          var bytes = atob(set.bits);
          for (var i = 0; i < bytes.length * 8; i++) if (bytes.charCodeAt(i >> 3) & (1 << (i & 7))) docs.add(i);
        }
        return docs;
      });
    });
  };
  Search.prototype.run = function () {
    var self = this, query = this.input.value;
    var terms = words(query);
    var filters = this.filters.filter(function (s) { return s.value; });
    if (!terms.length && !filters.length) { this.show([], 0, ""); return; }
    var prefixLast = !/\s$/.test(query);
    this.get("manifest.json").then(function (manifest) {
      var common = new Set(manifest.common);
      var lookups = terms.map(function (t, i) { return self.postings(manifest, t, prefixLast && i === terms.length - 1); });
      return Promise.all([Promise.all(lookups), Promise.all(filters.map(self.facetDocs, self))]).then(function (found) {
        // Rare words filter (every one must match); words too common to have full lists only
        // add to the score. When every word is common, their (best-postings) lists are
        // intersected, or, if that leaves nothing, the first word's list is ranked by the rest.
        var order = terms.map(function (_, i) { return i; });
        order.sort(function (a, b) { return common.has(terms[a]) - common.has(terms[b]); });
        function combine(strict) {
          var scores = null;
          order.forEach(function (i) {
            var docs = found[0][i];
            var idf = Math.log(1 + manifest.docs / Math.max(docs.size, 1));
            if (scores && common.has(terms[i]) && !strict) {
              scores.forEach(function (s, d) { if (docs.has(d)) scores.set(d, s + docs.get(d) * idf); });
              return;
            }
            var next = new Map();
            docs.forEach(function (w, d) { if (!scores || scores.has(d)) next.set(d, (scores ? scores.get(d) : 0) + w * idf); });
            scores = next;
          });
          return scores;
        }
        var scores = combine(false);
        if (terms.length > 1 && terms.every(function (t) { return common.has(t); })) {
          var strict = combine(true);
          if (strict.size) scores = strict;
        }
        if (!scores) { scores = new Map(); found[1][0].forEach(function (d) { scores.set(d, 0); }); }
        found[1].forEach(function (allowed) { scores.forEach(function (_, d) { if (!allowed.has(d)) scores.delete(d); }); });
        var ranked = Array.from(scores.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        var top = ranked.slice(0, SHOWN).map(function (e) { return e[0]; });
        var chunks = top.map(function (d) { return self.get("d/" + Math.floor(d / manifest.chunk) + ".json"); });
        return Promise.all(chunks).then(function (loaded) {
          var shown = top.map(function (d, i) { return loaded[i][d % manifest.chunk]; });
          self.show(shown, ranked.length, query);
        });
      });
    }).catch(function (error) { self.status.textContent = self.root.getAttribute("data-error") + " " + error.message; });
  };
  Search.prototype.show = function (docs, total, query) {
    var self = this;
    this.list.textContent = "";
    docs.forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(doc[0], self.site).href;
      link.textContent = doc[1];
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "litsite-result-meta";
      meta.textContent = [doc[2], doc[3], doc[4]].filter(Boolean).join(" · ");
      item.appendChild(meta);
      self.list.appendChild(item);
    });
    var template = total === 1 ? "data-one" : "data-many";
    this.status.textContent = query || this.filters.some(function (s) { return s.value; })
      ? (this.root.getAttribute(template) || "{n}").replace("{n}", total) : "";
  };

  function start() {
    var root = document.querySelector("[data-litsite-search]");
    if (!root) return;
    if (location.protocol === "file:") {
      // Browsers do not let a page opened from disk fetch the index files.
      root.querySelector("[data-status]").textContent = root.getAttribute("data-offline");
      return;
    }
    var search = new Search(root), timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(function () { search.run(); }, 120); }
    search.input.addEventListener("input", later);
    search.filters.forEach(function (s) { s.addEventListener("change", later); });
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); search.run(); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { search.input.value = q; search.run(); }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
