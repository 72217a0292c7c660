/* MkDocs' built-in search script expects a global base_url; set it from a data attribute
   because the Content-Security-Policy forbids inline script. */
window.base_url = document.currentScript.getAttribute("data-base-url") || ".";
