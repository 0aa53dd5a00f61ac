/* After a failed submit, move focus to the error summary so a screen reader reads it out and a
   keyboard user starts there (the GOV.UK pattern). A link in the summary moves focus to its
   field, not only the scroll position. Without JavaScript the page title ("错误：…") and the
   summary at the top of the page already say what went wrong. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']") || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
