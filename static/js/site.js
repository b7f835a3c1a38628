// The portal works without this file; with it, keyboard and screen-reader users are told what
// happened after a page loads, and the header's links fold behind a menu button on a phone.
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

  // The header's menu button (shown on a phone only, by the stylesheet): it opens and closes
  // the links it controls; Escape closes them and gives the button the focus back.
  function headerMenu() {
    var button = document.querySelector(".menu-button[aria-controls]");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      if (!menu.contains(document.activeElement) && document.activeElement !== button) return;
      setOpen(false);
      button.focus();
    });
  }

  // A list's filters start folded behind "Show filters"; on a desktop they are open (the
  // stylesheet shows them there too, in browsers that can style a closed <details>).
  function openFiltersOnDesktop() {
    if (!window.matchMedia("(min-width: 48em)").matches) return;
    document.querySelectorAll("details.filter-panel").forEach(function (panel) {
      panel.open = true;
    });
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
    headerMenu();
    openFiltersOnDesktop();
    focusResultCount();
  });
})();
