/* litsite: the Cite block's format tabs and Copy buttons (progressive enhancement: without
   JavaScript the tabs are in-page links, each citation stays selectable text and a downloadable
   file). No inline script anywhere: the site's Content-Security-Policy forbids it. */
(function () {
  "use strict";

  function textOf(el) {
    return el.tagName === "TEXTAREA" ? el.value : el.innerText.trim();
  }

  function fallbackCopy(el, text) {
    var area = el;
    if (el.tagName !== "TEXTAREA") {
      area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "litsite-offscreen";
      document.body.appendChild(area);
    }
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    if (area !== el) {
      document.body.removeChild(area);
    }
    return ok;
  }

  function announce(button, message) {
    var status = button.parentNode.querySelector(".litsite-copied");
    if (status) {
      status.textContent = message;
      window.setTimeout(function () { status.textContent = ""; }, 4000);
    }
  }

  function copy(button) {
    var el = document.getElementById(button.getAttribute("data-copy"));
    if (!el) {
      return;
    }
    var text = textOf(el);
    var done = button.getAttribute("data-done") || "Copied";
    var failed = button.getAttribute("data-failed") || "Select the text and copy it";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, done); },
        function () { announce(button, fallbackCopy(el, text) ? done : failed); }
      );
    } else {
      announce(button, fallbackCopy(el, text) ? done : failed);
    }
  }

  /* WAI-ARIA Authoring Practices' tabs pattern: arrow keys, Home and End move between tabs,
     Tab moves into the selected panel; the URL's #cite-… picks the first tab shown. */
  function setupTabs(section) {
    var list = section.querySelector("[data-tablist]");
    if (!list) {
      return;
    }
    var tabs = Array.prototype.slice.call(list.querySelectorAll("a[href^='#']"));
    var panels = tabs.map(function (tab) {
      return document.getElementById(tab.getAttribute("href").slice(1));
    });
    if (!tabs.length || panels.indexOf(null) !== -1) {
      return;
    }
    function select(index, focus) {
      tabs.forEach(function (tab, j) {
        tab.setAttribute("aria-selected", j === index ? "true" : "false");
        tab.tabIndex = j === index ? 0 : -1;
        panels[j].hidden = j !== index;
      });
      if (focus) {
        tabs[index].focus();
      }
    }
    list.setAttribute("role", "tablist");
    tabs.forEach(function (tab, i) {
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panels[i].id);
      panels[i].setAttribute("role", "tabpanel");
      panels[i].setAttribute("aria-labelledby", tab.id);
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        select(i, false);
      });
      tab.addEventListener("keydown", function (event) {
        var keys = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
        if (keys.hasOwnProperty(event.key)) {
          event.preventDefault();
          select((keys[event.key] + tabs.length) % tabs.length, true);
        }
      });
    });
    section.setAttribute("data-tabs", "");
    var wanted = panels.map(function (p) { return "#" + p.id; }).indexOf(window.location.hash);
    select(wanted === -1 ? 0 : wanted, false);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".litsite-cite"), setupTabs);
    var buttons = document.querySelectorAll("button.litsite-copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
