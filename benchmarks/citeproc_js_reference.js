// The reference renderer for benchmarks/style_fidelity.py: citeproc-js (npm `citeproc`).
// Reads {style, locales: {lang: xml}, lang, items} as JSON on stdin; prints, per item rendered
// alone (a one-item bibliography, as on a record page), its reference-list entry as text and
// HTML and its in-text citation as text and HTML. Run by the benchmark, never by litsite.
"use strict";
const fs = require("fs");
const CSL = require(process.env.CITEPROC_MODULE || "citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = {};
input.items.forEach((item, n) => {
  byId[`item${n}`] = { ...item, id: `item${n}` };
});
const sys = {
  retrieveLocale: (lang) => input.locales[lang] || false,
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, input.style, input.lang, false);

function entry(format) {
  engine.setOutputFormat(format);
  const [, entries] = engine.makeBibliography();
  return entries.join("");
}

function citation(format) {
  engine.setOutputFormat(format);
  return engine.makeCitationCluster([{ id: engine.registry.mylist[0] }]);
}

const out = Object.keys(byId).map((id) => {
  try {
    engine.updateItems([id]);
    return {
      text: entry("text"),
      html: entry("html"),
      in_text: citation("text"),
      in_text_html: citation("html"),
    };
  } catch (error) {
    return { error: String(error) };
  }
});
process.stdout.write(JSON.stringify(out));
