// herald serve: clicking a highlighted stretch of an article selects the
// cards of what herald coded there (and the other stretches of the same
// items); clicking a card selects its stretches. No network, no inline code.
"use strict";
(function () {
  function ids(el) {
    return (el.getAttribute("data-ann") || "").split(" ").filter(function (s) { return s; });
  }
  function select(list, scrollCard) {
    document.querySelectorAll(".sel").forEach(function (e) { e.classList.remove("sel"); });
    var first = null;
    list.forEach(function (id) {
      var card = document.getElementById("ann-" + id);
      if (card) { card.classList.add("sel"); if (!first) first = card; }
      document.querySelectorAll("#text span.h").forEach(function (s) {
        if (ids(s).indexOf(id) >= 0) s.classList.add("sel");
      });
    });
    if (first && scrollCard) first.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var span = t.closest("#text span.h");
    if (span) { select(ids(span), true); return; }
    var card = t.closest(".card");
    if (card && !t.closest("a")) select(ids(card), false);
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t instanceof Element && t.matches("#text span.h")) {
      ev.preventDefault();
      select(ids(t), true);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var focus = document.querySelector("#text span.focus");
    if (focus) {
      focus.scrollIntoView({ block: "center" });
      var ev = new URLSearchParams(location.search).get("event");
      if (ev) select([ev], true);
    }
  });
})();
