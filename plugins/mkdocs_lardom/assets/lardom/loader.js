/* Lärdomsbanken: what the explorer (explorer.js) and the contribution form (contribute.js)
 * share: fetching their JSON once per address, and starting on every page that holds them,
 * also after mkdocs-material's instant navigation. Listed before both (plugin.py, JS).
 */
(function () {
  "use strict";
  // Loaded again by instant navigation. An element with id="lardom" is also window.lardom
  // (named access), so only our own object counts as loaded.
  if (window.lardom && typeof window.lardom.loadJson === "function") return;

  const requests = new Map(); // label and absolute URL -> Promise of the prepared model

  window.lardom = {
    // The JSON at src (relative to the page), made into a model by prepare. A failed request
    // is forgotten, so that a retry fetches again.
    loadJson(src, prepare, label) {
      let url;
      try {
        url = new URL(src, document.baseURI).href;
      } catch (error) {
        return Promise.reject(error);
      }
      const key = `${label} ${url}`;
      if (requests.has(key)) return requests.get(key);
      const promise = fetch(url, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(`${label}: HTTP ${response.status} for ${url}`);
          return response.json();
        })
        .then(prepare);
      requests.set(key, promise);
      promise.catch(() => requests.delete(key));
      return promise;
    },

    // start(root) once for the element with this id, if the page has one.
    boot(id, start) {
      const root = document.getElementById(id);
      if (!root || root.lardomStarted) return;
      root.lardomStarted = true;
      start(root);
    },

    // fn now (or once the page is parsed), and again after every instant navigation, which
    // swaps pages without a new DOMContentLoaded.
    onEveryPage(fn) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
      else fn();
      const doc$ = window.document$;
      if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(() => fn());
    },
  };
})();
