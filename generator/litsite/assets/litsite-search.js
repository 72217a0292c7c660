// litsite search: queries the sharded static index written by litsite/search.py.
// A query fetches the manifest once, one or two term shards per word (and the postings file of
// a common word), the display rows of the page of results shown and the facet values counted:
// never a list of every page. Every match is counted and reachable page by page. The state
// (query, filters, page, sort) lives in the URL. Record text is only ever set with textContent.
(function () {
  "use strict";
  var STOP = new Set(("a an and are as at be by de del el en for from in is it la las los of on " +
    "or que the to un una with y").split(" "));
  var PAGE_SIZE = 10;
  // Posting weight = mask * 100 + score; mask bits as litsite.search.MASKS.
  var MASK = { title: 1, authors: 2, family: 4, source: 8, ids: 16 };
  var FIELDS = { author: MASK.authors, title: MASK.title, journal: MASK.source, doi: MASK.ids, pmid: MASK.ids };
  var ROW = { url: 0, title: 1, authors: 2, year: 3, source: 4, type: 5, language: 6, topics: 7, abstract: 8, flags: 9 };
  var MULTI = ["topic", "journal", "type", "language"];
  var SORTS = ["relevance", "newest", "oldest"];
  // Where the search page is from this script (filled in by the plugin at build time).
  var SEARCH_PAGE = "@@SEARCH_PAGE@@", SEARCH_LABEL = "@@SEARCH_LABEL@@";
  var SCRIPT = document.currentScript ? document.currentScript.src : document.baseURI;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return (fold(text).match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return !STOP.has(w); });
  }
  function isWord(term) { return /^[\p{L}\p{N}]+$/u.test(term); }
  function hash(value) {
    var h = 0x811c9dc5;
    for (var ch of value) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function shardOf(term, bounds) {
    var lo = 0, hi = bounds.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (bounds[mid] <= term) lo = mid + 1; else hi = mid; }
    return Math.max(lo - 1, 0);
  }
  function docSet(entry) {
    var docs = [], doc = 0;
    if (entry.gaps) entry.gaps.forEach(function (gap) { doc += gap; docs.push(doc); });
    else {
      var bytes = atob(entry.bits);
      for (var i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var b = 0; byte; b++, byte >>= 1) if (byte & 1) docs.push(i * 8 + b);
      }
    }
    return docs;
  }
  // Edit distance with transpositions (optimal string alignment), stopping past `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) { rows.push([i]); }
    for (var j = 1; j <= b.length; j++) rows[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var best = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        best = Math.min(best, d);
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  // The query language: "a phrase", field:word, field:"a phrase", -word, 2015-2020, year:2015.
  function parse(text) {
    var clauses = [], years = null;
    var re = /(-?)(?:([a-z]+):)?(?:"([^"]*)"?|([^\s"]+))/gi, m;
    while ((m = re.exec(text))) {
      var field = (m[2] || "").toLowerCase(), value = m[3] !== undefined ? m[3] : m[4];
      if (m[2] && !(field in FIELDS) && field !== "year") { value = m[2] + ":" + value; field = ""; }
      var range = /^(\d{4})(?:\s*[-\u2013]\s*(\d{4}))?$/.exec(value);
      if (!m[1] && range && (field === "year" || (!field && range[2] && m[3] === undefined))) {
        years = [+range[1], +(range[2] || range[1])].sort();
        continue;
      }
      if (field === "year") continue;
      var clause = { field: field, negate: !!m[1], phrase: m[3] !== undefined, words: [] };
      var whole = fold(value).trim();
      if (field === "doi" && !isWord(whole)) clause.whole = whole;
      else clause.words = words(value);
      if (clause.words.length || clause.whole) clauses.push(clause);
    }
    var last = clauses[clauses.length - 1];
    if (last && !last.negate && !last.phrase && !last.whole && last.field !== "pmid" && !/[\s"]$/.test(text)) {
      last.prefix = true;
    }
    return { clauses: clauses, years: years };
  }

  function Index(base) {
    this.base = base;
    this.cache = new Map();
  }
  Index.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, fetch(new URL(path, this.base)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return this.cache.get(path);
  };
  Index.prototype.manifest = function () { return this.get("manifest.json"); };
  // A term's postings as Map(doc -> weight); null when the index lacks it.
  Index.prototype.postings = function (term, entry) {
    if (entry === undefined) {
      var self = this;
      return this.manifest().then(function (manifest) {
        return self.get("t/" + shardOf(term, manifest.bounds) + ".json");
      }).then(function (shard) { return self.postings(term, shard[term] || null); });
    }
    if (entry === null) return Promise.resolve(null);
    if (Array.isArray(entry)) return Promise.resolve(gapMap(entry));
    return Promise.all([this.manifest(), this.get("p/" + entry.p + ".json")]).then(function (got) {
      // A common term: its documents, and per field bit those where it is in that field.
      var scores = got[0].field_scores, file = got[1], masks = new Map(), docs = new Map();
      Object.keys(file.fields).forEach(function (bit) {
        docSet(file.fields[bit]).forEach(function (d) { masks.set(d, (masks.get(d) || 0) | +bit); });
      });
      docSet(file).forEach(function (d) {
        var mask = masks.get(d) || 0, score = 1;
        Object.keys(scores).forEach(function (bit) { if (mask & +bit) score += scores[bit]; });
        docs.set(d, mask * 100 + Math.min(score, 99));
      });
      return docs;
    });
  };
  function gapMap(flat) {
    var docs = new Map(), doc = 0;
    for (var j = 0; j < flat.length; j += 2) { doc += flat[j]; docs.set(doc, flat[j + 1]); }
    return docs;
  }
  // The terms a typed word stands for: itself, and while typing, the words it begins.
  Index.prototype.completions = function (word) {
    var self = this;
    return this.manifest().then(function (manifest) {
      var first = shardOf(word, manifest.bounds);
      var last = Math.min(shardOf(word + "\uffff", manifest.bounds), first + 2), shards = [];
      for (var i = first; i <= last; i++) shards.push(self.get("t/" + i + ".json"));
      return Promise.all(shards);
    }).then(function (shards) {
      var found = [];
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (term !== word && term.startsWith(word) && isWord(term)) found.push([term, shard[term]]);
        });
      });
      // Common completions have a postings file each: keep the five most frequent.
      var common = found.filter(function (f) { return !Array.isArray(f[1]); });
      common.sort(function (a, b) { return b[1].n - a[1].n; });
      var dropped = new Set(common.slice(5).map(function (f) { return f[0]; }));
      return Promise.all(found.filter(function (f) { return !dropped.has(f[0]); }).map(function (f) {
        return self.postings(f[0], f[1]);
      }));
    });
  };
  Index.prototype.correction = function (word) {
    var self = this;
    return this.manifest().then(function (manifest) {
      var bucket = manifest.vocabulary.indexOf(word[0]) >= 0 ? word[0] : word.slice(0, 2);
      if (manifest.vocabulary.indexOf(bucket) < 0) return null;
      var name = Array.from(bucket).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
      return self.get("v/" + name + ".json").then(function (vocabulary) {
        var limit = word.length >= 8 ? 2 : 1, best = null;
        Object.keys(vocabulary).forEach(function (term) {
          var d = distance(word, term, limit);
          if (d <= limit && (!best || d < best.d || (d === best.d && vocabulary[term] > best.n))) {
            best = { term: term, d: d, n: vocabulary[term] };
          }
        });
        return best && best.term;
      });
    });
  };
  Index.prototype.facetDocs = function (facet, value) {
    return this.get("f/" + facet + "/" + hash(value) + ".json").then(function (file) {
      return file[value] ? docSet(file[value]) : [];
    }, function () { return []; });
  };
  Index.prototype.row = function (doc) {
    return this.get("d/" + doc + ".json").then(function (rows) { return rows[0]; });
  };

  // One query word: docs -> {score, exact} over its exact term, completions and correction.
  function lookupWord(index, word, clause, last) {
    var fieldMask = FIELDS[clause.field] || 0;
    var prefix = clause.prefix && last;
    var lookups = [index.postings(word), prefix ? index.completions(word) : Promise.resolve([])];
    return Promise.all(lookups).then(function (found) {
      var hits = collect(found[0], found[1], fieldMask);
      var alpha = /^\p{L}+$/u.test(word);
      if (hits.size || clause.negate || word.length < 5 || !alpha) return { word: word, hits: hits };
      return index.correction(word).then(function (better) {
        if (!better) return { word: word, hits: hits };
        return index.postings(better).then(function (docs) {
          var corrected = collect(null, [docs], fieldMask);
          corrected.forEach(function (hit) { hit.exact = false; });
          return { word: word, hits: corrected, corrected: better };
        });
      });
    });
  }
  function collect(exact, completions, fieldMask) {
    var hits = new Map();
    function add(docs, isExact) {
      if (!docs) return;
      docs.forEach(function (w, d) {
        var mask = Math.floor(w / 100), score = w % 100;
        if (fieldMask && !(mask & fieldMask)) return;
        var value = isExact ? score + (mask & MASK.family ? 8 : 0) : score / 2;
        var old = hits.get(d);
        if (!old || old.score < value) hits.set(d, { score: value, exact: isExact, mask: mask });
      });
    }
    add(exact, true);
    completions.forEach(function (docs) { add(docs, false); });
    return hits;
  }

  // Pairs of neighbouring query words: title phrases ("stromal cells") and author names
  // ("cats j" for "Jacob Cats" or "Cats J") that rank a record first.
  function pairBonuses(index, clauses) {
    var pairs = [], w = [];
    clauses.concat([{ negate: true }]).forEach(function (clause) {
      if (!clause.negate && !clause.whole) { w = w.concat(clause.words); return; }
      for (var i = 0; i + 1 < w.length; i++) {
        pairs.push([w[i] + " " + w[i + 1], MASK.title]);
        pairs.push([w[i] + " " + w[i + 1][0], MASK.family]);
        pairs.push([w[i + 1] + " " + w[i][0], MASK.family]);
      }
      w = [];
    });
    var unique = new Map(pairs.map(function (p) { return [p[0] + "|" + p[1], p]; }));
    return Promise.all(Array.from(unique.values()).map(function (pair) {
      return index.postings(pair[0]).then(function (docs) {
        var kept = new Map();
        if (docs) docs.forEach(function (w, d) { if (Math.floor(w / 100) & pair[1]) kept.set(d, 1); });
        return kept;
      });
    }));
  }

  function Search(root) {
    this.root = root;
    this.index = new Index(new URL(root.getAttribute("data-index"), document.baseURI));
    this.site = new URL(root.getAttribute("data-root"), document.baseURI);
    this.labels = JSON.parse(root.getAttribute("data-labels") || "{}");
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.sort = root.querySelector("select[name=sort]");
    this.status = root.querySelector("[data-status]");
    this.suggestion = root.querySelector("[data-suggestion]");
    this.list = root.querySelector("[data-results]");
    this.pages = root.querySelector("[data-pages]");
    this.active = root.querySelector("[data-active]");
    this.facets = root.querySelector("[data-facets]");
    this.runs = 0;
    this.state = readState(location.search);
  }
  Search.prototype.text = function (name, values) {
    var text = this.root.getAttribute("data-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  };

  function readState(search) {
    var params = new URLSearchParams(search), state = { q: params.get("q") || "" };
    MULTI.forEach(function (name) { state[name] = params.getAll(name).filter(Boolean); });
    state.year = params.get("year") || "";
    state.page = Math.max(parseInt(params.get("page"), 10) || 1, 1);
    state.sort = SORTS.indexOf(params.get("sort")) >= 0 ? params.get("sort") : "relevance";
    return state;
  }
  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    MULTI.forEach(function (name) { state[name].forEach(function (v) { params.append(name, v); }); });
    if (state.year) params.set("year", state.year);
    if (state.page > 1) params.set("page", String(state.page));
    if (state.sort !== "relevance") params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : "";
  }
  function changed(state, change) {
    var next = JSON.parse(JSON.stringify(state));
    Object.keys(change).forEach(function (k) { next[k] = change[k]; });
    if (!("page" in change)) next.page = 1;
    return next;
  }

  // Go to a state: a history entry (typing replaces its own entry), then the results.
  Search.prototype.go = function (state, typing) {
    this.state = state;
    var url = location.pathname + writeState(state);
    if (url !== location.pathname + location.search) {
      if (typing && history.state && history.state.typing) history.replaceState({ typing: true }, "", url);
      else history.pushState({ typing: !!typing }, "", url);
    }
    return this.run();
  };
  Search.prototype.show = function () {
    this.input.value = this.state.q;
    this.sort.value = this.state.sort;
    return this.run();
  };

  Search.prototype.run = function () {
    var self = this, state = this.state, run = ++this.runs;
    var query = parse(state.q);
    var positive = query.clauses.filter(function (c) { return !c.negate; });
    var filtering = MULTI.some(function (n) { return state[n].length; }) || state.year || query.years;
    if (!positive.length && !filtering) { this.render(null); return Promise.resolve(); }
    var index = this.index;
    this.list.setAttribute("aria-busy", "true");
    return index.manifest().then(function (manifest) {
      var wordLookups = query.clauses.map(function (clause, c) {
        if (clause.whole) {
          return index.postings(clause.whole).then(function (docs) {
            return [{ word: clause.whole, hits: collect(docs, [], FIELDS.doi) }];
          });
        }
        return Promise.all(clause.words.map(function (word, i) {
          return lookupWord(index, word, clause, c === query.clauses.length - 1 && i === clause.words.length - 1);
        }));
      });
      var filters = [];
      MULTI.forEach(function (name) {
        state[name].forEach(function (value) { filters.push({ name: name, value: value }); });
      });
      return Promise.all([
        Promise.all(wordLookups),
        pairBonuses(index, query.clauses),
        Promise.all(filters.map(function (f) { return index.facetDocs(f.name, f.value); })),
      ]).then(function (found) {
        if (run !== self.runs) return null;
        var ranked = rank(manifest, query, found[0], found[1], filters, found[2], state);
        return self.page(manifest, ranked, found[0], run);
      });
    }).catch(function (error) {
      self.status.textContent = self.text("error") + " " + error.message;
    }).then(function () {
      // Results and facets are complete (scripts and tests wait for this).
      if (run === self.runs) self.list.removeAttribute("aria-busy");
    });
  };

  function yearRange(manifest, spec) {
    // [first doc, last doc + 1) of the years spec names ("2015" or "2015-2020").
    var m = /^(\d{4})(?:-(\d{4}))?$/.exec(spec || "");
    if (!m) return null;
    var lo = Math.min(+m[1], +(m[2] || m[1])), hi = Math.max(+m[1], +(m[2] || m[1]));
    var start = Infinity, end = -Infinity;
    manifest.years.forEach(function (run) {
      if (run[0] && +run[0] >= lo && +run[0] <= hi) {
        start = Math.min(start, run[1]);
        end = Math.max(end, run[1] + run[2]);
      }
    });
    return start < end ? [start, end] : [0, 0];
  }

  // Every matching document with its score: all positive words must match (in their field),
  // no negated word may; then the filters.
  function rank(manifest, query, lookups, pairs, filters, filterDocs, state) {
    var n = manifest.docs, scores = null;
    var required = [], excluded = [];
    query.clauses.forEach(function (clause, c) {
      lookups[c].forEach(function (found) { (clause.negate ? excluded : required).push(found.hits); });
    });
    required.sort(function (a, b) { return a.size - b.size; });
    if (required.length) {
      scores = new Map();
      required[0].forEach(function (_, d) {
        for (var i = 1; i < required.length; i++) if (!required[i].has(d)) return;
        var score = 0;
        required.forEach(function (hits) {
          var idf = Math.log(1 + n / Math.max(hits.size, 1));
          score += hits.get(d).score * idf;
        });
        scores.set(d, score);
      });
      pairs.forEach(function (docs) {
        var idf = Math.log(1 + n / Math.max(docs.size, 1));
        docs.forEach(function (_, d) { if (scores.has(d)) scores.set(d, scores.get(d) + 16 * idf); });
      });
    }
    var ranges = [yearRange(manifest, state.year), query.years && yearRange(manifest, query.years.join("-"))];
    ranges.forEach(function (range) {
      if (!range) return;
      if (!scores) {
        scores = new Map();
        for (var d = range[0]; d < range[1]; d++) scores.set(d, 0);
      } else scores.forEach(function (_, d) { if (d < range[0] || d >= range[1]) scores.delete(d); });
    });
    // Topics must all match; journals, types, languages: any of those chosen.
    var groups = new Map();
    filters.forEach(function (f, i) {
      var key = f.name === "topic" ? "topic" + i : f.name;
      if (!groups.has(key)) groups.set(key, new Set());
      filterDocs[i].forEach(function (d) { groups.get(key).add(d); });
    });
    groups.forEach(function (allowed) {
      if (!scores) { scores = new Map(); allowed.forEach(function (d) { scores.set(d, 0); }); }
      else scores.forEach(function (_, d) { if (!allowed.has(d)) scores.delete(d); });
    });
    excluded.forEach(function (hits) { hits.forEach(function (_, d) { scores.delete(d); }); });
    var undated = manifest.years.length && !manifest.years[manifest.years.length - 1][0]
      ? manifest.years[manifest.years.length - 1][1] : n;
    var entries = Array.from(scores.entries());
    if (state.sort === "newest") entries.sort(function (a, b) { return a[0] - b[0]; });
    else if (state.sort === "oldest") {
      entries.sort(function (a, b) { return (a[0] >= undated) - (b[0] >= undated) || b[0] - a[0]; });
    } else entries.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return entries.map(function (e) { return e[0]; });
  }

  Search.prototype.page = function (manifest, ranked, lookups, run) {
    var self = this, state = this.state;
    var pages = Math.max(Math.ceil(ranked.length / PAGE_SIZE), 1);
    var page = Math.min(state.page, pages);
    var shown = ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var matched = { exact: new Set(), prefixes: [], corrections: [] };
    lookups.forEach(function (clauseLookups, c) {
      var clause = parse(state.q).clauses[c];
      if (clause.negate) return;
      clauseLookups.forEach(function (found) {
        matched.exact.add(found.word);
        if (found.corrected) { matched.exact.add(found.corrected); matched.corrections.push(found); }
      });
      if (clause.prefix) matched.prefixes.push(clause.words[clause.words.length - 1]);
    });
    return Promise.all(shown.map(function (d) { return self.index.row(d); })).then(function (rows) {
      if (run !== self.runs) return;
      self.render({ total: ranked.length, page: page, pages: pages, rows: rows, matched: matched });
      return self.countFacets(manifest, ranked, rows, run);
    });
  };

  Search.prototype.render = function (result) {
    var self = this;
    this.list.textContent = "";
    this.suggestion.textContent = "";
    this.suggestion.hidden = true;
    if (!result) {
      this.list.removeAttribute("aria-busy");
      this.status.textContent = "";
      this.pages.hidden = this.facets.hidden = this.active.hidden = true;
      return;
    }
    result.rows.forEach(function (row) { self.list.appendChild(self.item(row, result.matched)); });
    var count = this.text(result.total === 1 ? "one" : "many", { n: result.total });
    this.status.textContent = result.pages > 1
      ? count + " \u00b7 " + this.text("page", { page: result.page, pages: result.pages }) : count;
    if (result.matched.corrections.length) {
      var corrected = this.state.q;
      result.matched.corrections.forEach(function (c) {
        corrected = corrected.replace(new RegExp("(^|[^\\p{L}\\p{N}])" + c.word + "(?![\\p{L}\\p{N}])", "iu"), "$1" + c.corrected);
      });
      this.suggestion.appendChild(document.createTextNode(this.text("suggest") + " "));
      var link = this.link(changed(this.state, { q: corrected }), corrected);
      link.className = "litsite-suggested";
      this.suggestion.appendChild(link);
      this.suggestion.hidden = false;
    }
    this.renderPages(result);
    this.renderActive();
  };
  // A link to another state of the search page, followed without reloading the page.
  Search.prototype.link = function (state, text) {
    var self = this, link = document.createElement("a");
    link.href = location.pathname + writeState(state);
    link.textContent = text;
    link.addEventListener("click", function (event) {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      self.input.value = state.q;
      self.go(state).then(function () { self.status.focus(); });
    });
    return link;
  };
  Search.prototype.item = function (row, matched) {
    var item = document.createElement("li");
    item.className = "litsite-result";
    var link = document.createElement("a");
    link.href = new URL(row[ROW.url], this.site).href;
    highlight(link, row[ROW.title], matched);
    item.appendChild(link);
    var self = this;
    (row[ROW.flags] || []).forEach(function (flag) {
      var mark = document.createElement("span");
      mark.className = "litsite-flag litsite-flag-" + flag.replace(/[^a-z-]/g, "");
      mark.textContent = self.root.getAttribute("data-flag-" + flag) || flag;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(mark);
    });
    var meta = document.createElement("span");
    meta.className = "litsite-result-meta";
    var type = (this.labels.type || {})[row[ROW.type]] || "";
    highlight(meta, [row[ROW.authors], row[ROW.source], row[ROW.year], type].filter(Boolean).join(" \u00b7 "), matched);
    item.appendChild(meta);
    var text = snippet(row[ROW.abstract] || "", matched);
    if (text) {
      var p = document.createElement("p");
      p.className = "litsite-snippet";
      highlight(p, text, matched);
      item.appendChild(p);
    }
    return item;
  };
  function matches(word, matched) {
    var folded = fold(word);
    return matched.exact.has(folded) || matched.prefixes.some(function (p) { return folded.startsWith(p); });
  }
  // `text` into `parent` as text nodes, the matched words in <mark>.
  function highlight(parent, text, matched) {
    var re = /[\p{L}\p{N}]+/gu, m, at = 0;
    while ((m = re.exec(text))) {
      if (!matches(m[0], matched)) continue;
      parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  // About 40 words of the abstract around its first matched word.
  function snippet(text, matched) {
    var spans = [], re = /[\p{L}\p{N}]+/gu, m, first = -1;
    while ((m = re.exec(text))) {
      if (first < 0 && matches(m[0], matched)) first = spans.length;
      spans.push([m.index, m.index + m[0].length]);
    }
    if (!spans.length) return "";
    var start = Math.max(0, first - 12), end = Math.min(spans.length, start + 40);
    var out = text.slice(spans[start][0], end < spans.length ? spans[end - 1][1] : text.length);
    return (start ? "\u2026 " : "") + out + (end < spans.length ? " \u2026" : "");
  }

  Search.prototype.renderPages = function (result) {
    this.pages.textContent = "";
    this.pages.hidden = result.pages < 2;
    if (result.pages < 2) return;
    var self = this, list = document.createElement("ul");
    function add(page, text, current) {
      var item = document.createElement("li");
      if (current) {
        var here = document.createElement("span");
        here.setAttribute("aria-current", "page");
        here.textContent = text;
        item.appendChild(here);
      } else item.appendChild(self.link(changed(self.state, { page: page }), text));
      list.appendChild(item);
    }
    if (result.page > 1) add(result.page - 1, this.text("previous"));
    var first = Math.max(1, result.page - 3), last = Math.min(result.pages, first + 6);
    for (var p = first; p <= last; p++) add(p, String(p), p === result.page);
    if (result.page < result.pages) add(result.page + 1, this.text("next"));
    this.pages.appendChild(list);
  };

  Search.prototype.renderActive = function () {
    var self = this, state = this.state;
    this.active.textContent = "";
    var chips = [];
    MULTI.forEach(function (name) {
      state[name].forEach(function (value) {
        var rest = state[name].filter(function (v) { return v !== value; });
        chips.push([self.valueLabel(name, value), changed(state, { [name]: rest })]);
      });
    });
    if (state.year) chips.push([state.year, changed(state, { year: "" })]);
    chips.forEach(function (chip) {
      var item = document.createElement("li");
      var link = self.link(chip[1], self.text("remove", { value: chip[0] }));
      item.appendChild(link);
      self.active.appendChild(item);
    });
    this.active.hidden = !chips.length;
  };
  Search.prototype.valueLabel = function (name, value) {
    return (this.labels[name] || {})[value] || value;
  };

  // Facet counts for the current results: years from the runs of numbers; types and
  // languages for each value; topics and journals for those of the results shown (and chosen).
  Search.prototype.countFacets = function (manifest, ranked, rows, run) {
    var self = this, state = this.state, index = this.index;
    var inResults = new Uint8Array(manifest.docs);
    ranked.forEach(function (d) { inResults[d] = 1; });
    var years = manifest.years.filter(function (r) { return r[0]; }).map(function (r) {
      var count = 0;
      for (var d = r[1]; d < r[1] + r[2]; d++) count += inResults[d];
      return [r[0], count];
    }).filter(function (y) { return y[1]; });
    // value -> [value, group, how many results shown hold it]
    var candidates = { topic: new Map(), journal: new Map() };
    function note(name, value, group, weight) {
      var seen = candidates[name].get(value) || [value, group, 0];
      seen[2] += weight;
      candidates[name].set(value, seen);
    }
    rows.forEach(function (row) {
      row[ROW.topics].forEach(function (t) { note("topic", t[1], t[0], 1); });
      if (row[ROW.source]) note("journal", row[ROW.source], "", 1);
    });
    state.topic.forEach(function (v) { note("topic", v, "", Infinity); });
    state.journal.forEach(function (v) { note("journal", v, "", Infinity); });
    function most(name, limit) {
      var seen = Array.from(candidates[name].values());
      seen.sort(function (a, b) { return b[2] - a[2]; });
      return seen.slice(0, limit);
    }
    var wanted = {
      type: manifest.values.type.slice(0, 30).map(function (v) { return [v[0], ""]; }),
      language: manifest.values.language.slice(0, 30).map(function (v) { return [v[0], ""]; }),
      topic: most("topic", 24),
      journal: most("journal", 10),
    };
    var names = Object.keys(wanted);
    return Promise.all(names.map(function (name) {
      return Promise.all(wanted[name].map(function (v) {
        return index.facetDocs(name, v[0]).then(function (docs) {
          var count = 0;
          docs.forEach(function (d) { count += inResults[d]; });
          return [v[0], count, v[1]];
        });
      }));
    })).then(function (counted) {
      if (run !== self.runs) return;
      var facets = { year: years };
      names.forEach(function (name, i) {
        facets[name] = counted[i].filter(function (v) { return v[1] || state[name].indexOf(v[0]) >= 0; });
        facets[name].sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
      });
      self.renderFacets(facets);
    });
  };

  Search.prototype.renderFacets = function (facets) {
    var self = this, state = this.state;
    var heading = this.facets.querySelector("h2");
    this.facets.textContent = "";
    this.facets.appendChild(heading);
    ["topic", "year", "type", "language", "journal"].forEach(function (name) {
      var values = facets[name];
      if (!values.length) return;
      if (name === "topic") {
        var groups = new Map();
        values.forEach(function (v) {
          var group = v[2] || "";
          if (!groups.has(group)) groups.set(group, []);
          groups.get(group).push(v);
        });
        groups.forEach(function (list, group) {
          var title = (self.labels.group || {})[group] || self.text("facet-topic");
          self.facets.appendChild(self.facet(name, title, list));
        });
      } else self.facets.appendChild(self.facet(name, self.text("facet-" + name), values));
    });
    this.facets.hidden = this.facets.children.length < 2;
  };
  Search.prototype.facet = function (name, title, values) {
    var self = this, state = this.state;
    var box = document.createElement("section");
    box.className = "litsite-facet";
    var heading = document.createElement("h3");
    heading.textContent = title;
    box.appendChild(heading);
    var list = document.createElement("ul"), more = null;
    box.appendChild(list);
    values.forEach(function (v, i) {
      var chosen = name === "year" ? state.year === v[0] : state[name].indexOf(v[0]) >= 0;
      var next;
      if (name === "year") next = changed(state, { year: chosen ? "" : v[0] });
      else {
        var rest = state[name].filter(function (x) { return x !== v[0]; });
        next = changed(state, { [name]: chosen ? rest : rest.concat([v[0]]) });
      }
      var item = document.createElement("li");
      var link = self.link(next, self.valueLabel(name, v[0]));
      if (chosen) { link.setAttribute("aria-current", "true"); link.className = "litsite-chosen"; }
      var count = document.createElement("span");
      count.className = "litsite-count";
      count.textContent = " " + v[1];
      link.appendChild(count);
      item.appendChild(link);
      if (i === 8 && values.length > 10) {
        more = document.createElement("details");
        var summary = document.createElement("summary");
        summary.textContent = self.text("more");
        more.appendChild(summary);
        list = document.createElement("ul");
        more.appendChild(list);
        box.appendChild(more);
      }
      list.appendChild(item);
    });
    return box;
  };

  // Material (and themes like it) have no box that leads to litsite's page: give its header one.
  function headerBox() {
    var header = document.querySelector(".md-header__inner");
    if (!header || SEARCH_PAGE.indexOf("@@") === 0) return;
    var target = new URL(SEARCH_PAGE, SCRIPT);
    var query = document.querySelector("[data-md-component=search-query]");
    if (query) {
      // Material's own box: Enter opens litsite's search page with what was typed.
      query.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        location.href = target.href + "?q=" + encodeURIComponent(query.value);
      }, true);
      return;
    }
    var form = document.createElement("form");
    form.className = "litsite-header-search";
    form.setAttribute("role", "search");
    form.action = target.href;
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.setAttribute("aria-label", SEARCH_LABEL);
    input.placeholder = SEARCH_LABEL;
    form.appendChild(input);
    header.appendChild(form);
  }

  function start() {
    headerBox();
    var root = document.querySelector("[data-litsite-search]");
    if (!root) return;
    if (location.protocol === "file:") {
      // Browsers do not let a page opened from disk fetch the index files.
      root.querySelector("[data-status]").textContent = root.getAttribute("data-offline");
      return;
    }
    var search = new Search(root), timer = null;
    search.status.tabIndex = -1;
    search.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search.go(changed(search.state, { q: search.input.value }), true); }, 150);
    });
    search.sort.addEventListener("change", function () {
      search.go(changed(search.state, { sort: search.sort.value }));
    });
    search.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search.go(changed(search.state, { q: search.input.value }));
    });
    window.addEventListener("popstate", function () {
      search.state = readState(location.search);
      search.show();
    });
    search.show();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
