// Progressive enhancement only: every page works without it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print-frame]");
  if (!button) return;
  var frame = document.getElementById(button.getAttribute("data-print-frame"));
  if (frame && frame.contentWindow) { frame.contentWindow.focus(); frame.contentWindow.print(); }
});
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});
