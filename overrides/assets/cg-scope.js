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
