/*
 * Lärdomsbanken – the lesson page's metadata block.
 *
 * The block is a <details>, closed in the HTML so that a phone shows the story first and the
 * page works without JavaScript. On a wide screen there is room beside the story, so it opens.
 * Once, per page: a reader who closes it keeps it closed.
 */

import { onEveryPage } from "./loader.js";

const WIDE = "(min-width: 60em)"; // Material's breakpoint for the table of contents beside the text

function openOnWideScreens() {
  const details = document.querySelector("details.lardom-about");
  if (!details || details.dataset.lardomSeen) return;
  details.dataset.lardomSeen = "1";
  if (window.matchMedia(WIDE).matches) details.open = true;
}

onEveryPage(openOnWideScreens);
