/* Warn two minutes before the idle timeout signs a person out; "stay signed in" renews the
   session. Without JavaScript nothing is lost either: answers posted after the timeout are
   kept and offered back after signing in. */
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box || !window.fetch) { return; }
  var idle = parseInt(box.getAttribute("data-idle-seconds"), 10) || 1800;
  var warnAfter = Math.max(idle - 120, 30) * 1000;
  var timer;
  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { box.hidden = false; }, warnAfter);
  }
  document.getElementById("session-stay").addEventListener("click", function () {
    fetch(box.getAttribute("data-ping"), { credentials: "same-origin" }).then(function () {
      box.hidden = true;
      arm();
    });
  });
  arm();
})();
