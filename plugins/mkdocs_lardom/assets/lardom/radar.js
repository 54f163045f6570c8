/*
 * Lärdomsbanken – the Radar page's entry module. It is on every page, so it imports the radar
 * (its model, the Snowball stemmers) only where the page holds <div id="lardom-radar">.
 */

import { boot, onEveryPage } from "./loader.js";

onEveryPage(() => boot("lardom-radar", (root) => {
  import("./radar/main.js").then((radar) => radar.start(root), (error) => console.error(error));
}));
