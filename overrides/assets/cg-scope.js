// The one script that runs before first paint (in <head>; the others are at the end of <body>).
// Material's inline bootstrap (partials/javascripts/base.html), as a file for the CSP.
// The scope is the site root: this file lives at <root>/assets/.
var __md_scope = new URL("..", document.currentScript.src);
var __md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
var __md_get = (e, s = localStorage, t = __md_scope) => JSON.parse(s.getItem(t.pathname + "." + e));
var __md_set = (e, v, s = localStorage, t = __md_scope) => {
  try {
    s.setItem(t.pathname + "." + e, JSON.stringify(v));
  } catch (err) {
    // Storage full or disabled: Material works without it.
  }
};

// CrowdGuru: the page's first paint is its final layout. `js` and `cg-js` show what needs
// JavaScript (the filter form, the search box) in the first paint, not after the scripts at the
// end of <body> have run, which would push the page down. With a query (`?skill=…`), a list page
// keeps the space of its count and cards but hides them until cg.js has applied the filters (no
// flash of the unfiltered list); cg.js lifts `cg-filtering`, and so does a timer if it never
// runs. Visitors without JavaScript get neither class and see the whole page.
(() => {
  const root = document.documentElement;
  // Material's bundle swaps these when it runs; swapped here, its swap changes nothing, so the
  // first paint is already the scripted layout and no whole-page restyle follows it.
  root.classList.replace("no-js", "js");
  root.classList.add("cg-js");
  if (location.search.length > 1) {
    root.classList.add("cg-filtering");
    setTimeout(() => root.classList.remove("cg-filtering"), 4000);
  }
  // The drawer and search toggles are checkboxes; a browser restoring form state on reload would
  // reopen the drawer (Material used autocomplete="off", which is invalid on a checkbox).
  addEventListener("pageshow", () => {
    for (const id of ["__drawer", "__search"]) {
      const toggle = document.getElementById(id);
      if (toggle) toggle.checked = false;
    }
  });
})();
