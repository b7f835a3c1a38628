// The portal works without this file; with it, keyboard and screen-reader users are told what
// happened after a page loads, and the header's search results close with Escape.
(function () {
  "use strict";

  // After a failed submit: the error summary has the focus and the title says "Error: ",
  // whichever form failed (the server prefixes the title where it can tell).
  function announceErrors() {
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    if (document.title.indexOf("Error: ") !== 0) document.title = "Error: " + document.title;
    if (document.activeElement !== summary) summary.focus();
  }

  // After a filter is removed or a page changed (links to #result-count): the count has the
  // focus, so what is listed now is read first.
  function focusResultCount() {
    if (window.location.hash !== "#result-count") return;
    var count = document.getElementById("result-count");
    if (count && document.activeElement !== count) count.focus();
  }

  // Escape closes the header's search results and returns to the box.
  function closeHeaderResults(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var results = document.getElementById("site-search-results");
    var box = document.getElementById("site-search-q");
    if (!results || !box || !results.children.length) return;
    if (event.target !== box && !results.contains(event.target)) return;
    event.preventDefault(); // keep what was typed (a search box would clear it)
    if (window.htmx) window.htmx.trigger(box, "htmx:abort");
    results.replaceChildren();
    box.focus();
  }

  document.addEventListener("keydown", closeHeaderResults);
  document.addEventListener("DOMContentLoaded", function () {
    announceErrors();
    focusResultCount();
  });
})();
