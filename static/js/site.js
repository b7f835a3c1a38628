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

  document.addEventListener("DOMContentLoaded", function () {
    announceErrors();
  });
})();
