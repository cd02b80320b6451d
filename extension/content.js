// Content scripts cannot be ES modules, so this classic script loads the module that does the
// work. The flag keeps a second injection (from "check this page") from starting it twice.
(() => {
  const scope = /** @type {{caveatStarted?: boolean}} */ (/** @type {unknown} */ (globalThis));
  if (scope.caveatStarted) return;
  scope.caveatStarted = true;
  import(chrome.runtime.getURL("src/content/main.js"))
    .then((module) => module.start())
    .catch((err) => console.error("Caveat could not start:", err));
})();
