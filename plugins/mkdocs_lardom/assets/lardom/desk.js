/* The checklist's print button: the page prints as an A4 checklist (desk.css, @media print). */

for (const button of document.querySelectorAll("[data-lardom-print]")) {
  button.addEventListener("click", () => window.print());
}
