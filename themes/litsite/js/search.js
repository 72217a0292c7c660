/* Starts Pagefind's default UI on the search page; the query can come from ?q= (the header
   search form works without JavaScript up to here). URLs resolve against the site's base, so the
   site works from any sub-path. */
(function () {
  "use strict";
  var script = document.currentScript;
  var element = document.getElementById("litsite-search");
  if (!element || typeof window.PagefindUI === "undefined") {
    return;
  }
  if (window.location.protocol === "file:") {
    // Browsers do not let Pagefind fetch its index from disk.
    var note = document.createElement("p");
    note.textContent = element.getAttribute("data-offline");
    element.appendChild(note);
    return;
  }
  var base = new URL(script.getAttribute("data-base-url") || ".", window.location.href).pathname;
  if (base.slice(-1) !== "/") {
    base += "/";
  }
  var ui = new window.PagefindUI({
    element: "#litsite-search",
    baseUrl: base,
    bundlePath: base + "pagefind/",
    showImages: false,
    showSubResults: false,
    resetStyles: false
  });
  // Pagefind's input carries only a title; give it an accessible name of its own.
  var input = element.querySelector("input");
  if (input) {
    input.setAttribute("aria-label", element.getAttribute("data-label") || "Search");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
