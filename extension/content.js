// Content scripts cannot be ES modules, so this classic script loads the module that does the
// work. The flag keeps a second injection (from "check this page") from starting it twice.
(() => {
  if (globalThis.__caveatStarted) return;
  globalThis.__caveatStarted = true;
  import(chrome.runtime.getURL("src/content/main.js"))
    .then((module) => module.start())
    .catch((err) => console.error("Caveat could not start:", err));
})();
