/* litsite: Copy buttons of the Cite block (progressive enhancement: without JavaScript the
   citations stay selectable text and downloadable files). No inline script anywhere: the site's
   Content-Security-Policy forbids it. */
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

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button.litsite-copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
