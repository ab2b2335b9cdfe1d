// CrowdGuru: the header search (Pagefind, loaded on first use), the /asks/ and /mentors/
// filters, and the contact links (addresses decoded on activation, copy buttons, "remember what
// I sent"). Contributor text only ever reaches the page through textContent, never innerHTML.
(() => {
  "use strict";

  // The site root: this file lives at <root>/assets/, so this also works under a sub-path.
  const ROOT = new URL("..", document.currentScript.src);
  const RESULTS = 8;
  const SHOWN = 100;
  document.documentElement.classList.add("cg-js");

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // A same-origin URL or null: index records and search results are resolved, never trusted.
  const sameOrigin = (href, base) => {
    try {
      const url = new URL(href, base);
      return url.origin === location.origin ? url.href : null;
    } catch {
      return null;
    }
  };

  /* ---------- search ---------- */

  let pagefind = null;
  const loadPagefind = () => {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pf) => {
        await pf.options({ baseUrl: ROOT.pathname, excerptLength: 16 });
        await pf.init();
        return pf;
      });
      pagefind.catch(() => {
        pagefind = null;
      });
    }
    return pagefind;
  };

  // Pagefind's excerpt is HTML (escaped text plus <mark>); keep only text and <mark>.
  const excerptNodes = (html) => {
    const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    return [...doc.body.firstChild.childNodes].map((node) =>
      node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent),
    );
  };

  const initSearch = () => {
    const input = document.getElementById("cg-search-input");
    const panel = document.getElementById("cg-search-results");
    if (!input || !panel) return;
    close(input, panel);
    if (input.dataset.cgBound) return;
    input.dataset.cgBound = "1";
    let timer = 0;
    let sequence = 0;

    const run = async () => {
      const query = input.value.trim();
      const mine = ++sequence;
      if (!query) {
        close(input, panel);
        return;
      }
      let items;
      try {
        const pf = await loadPagefind();
        const found = await pf.search(query);
        items = await Promise.all(found.results.slice(0, RESULTS).map((r) => r.data()));
        if (mine !== sequence) return;
        render(query, items, found.results.length);
      } catch {
        if (mine !== sequence) return;
        panel.replaceChildren(el("p", "cg-search__note", "Search is not available right now."));
        open(input, panel);
      }
    };

    const render = (query, items, total) => {
      const children = [];
      if (!items.length) {
        children.push(el("p", "cg-search__note", `No results for “${query}”.`));
      } else {
        const more = total > items.length ? ` (showing ${items.length})` : "";
        children.push(el("p", "cg-search__note", `${total} result${total === 1 ? "" : "s"}${more}`));
        const list = el("ul", "cg-search__list");
        for (const item of items) {
          const href = sameOrigin(item.url, location.href);
          if (!href) continue;
          const link = el("a", "cg-search__link");
          link.href = href;
          link.append(
            el("span", "cg-search__type", (item.meta && item.meta.type) || "Page"),
            el("span", "cg-search__title", (item.meta && item.meta.title) || item.url),
          );
          const excerpt = el("span", "cg-search__excerpt");
          excerpt.append(...excerptNodes(item.excerpt || ""));
          link.append(excerpt);
          const li = el("li");
          li.append(link);
          list.append(li);
        }
        children.push(list);
      }
      panel.replaceChildren(...children);
      open(input, panel);
    };

    input.addEventListener("focus", () => {
      loadPagefind();
      if (input.value.trim() && panel.childElementCount) open(input, panel);
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        close(input, panel);
      } else if (event.key === "ArrowDown") {
        const first = panel.querySelector("a");
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Enter") {
        const first = panel.querySelector("a");
        if (first) first.click();
      }
    });
    panel.addEventListener("keydown", (event) => {
      const links = [...panel.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        close(input, panel);
        input.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const next = at + (event.key === "ArrowDown" ? 1 : -1);
        (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
      }
    });
    panel.addEventListener("click", (event) => {
      if (event.target.closest("a")) close(input, panel);
    });
    document.addEventListener("click", (event) => {
      if (!event.target.closest(".cg-search")) close(input, panel);
    });
    document.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      if (event.key === "/" && !typing) {
        event.preventDefault();
        input.focus();
      }
    });
  };

  const open = (input, panel) => {
    panel.hidden = false;
  };
  const close = (input, panel) => {
    panel.hidden = true;
  };

  /* ---------- filters on /asks/ and /mentors/ ---------- */

  // Form field name → key of an index record (see generator/render_lists.py `indexes`).
  const FIELDS = { skill: "s", sector: "c", format: "f", language: "l", region: "r", template: "t" };
  const NOUNS = { mentors: ["available mentor", "available mentors"], asks: ["open ask", "open asks"] };

  // cg-scope.js hides a list page's count and cards (keeping their space) while a query's filters
  // are applied, so the first thing shown is the filtered list, not a jump from the full one.
  const settled = () => document.documentElement.classList.remove("cg-filtering");

  const initFilters = () => {
    const pending = [];
    for (const form of document.querySelectorAll("form.cg-filters")) {
      if (form.dataset.cgBound) continue;
      form.dataset.cgBound = "1";
      pending.push(bindFilters(form));
    }
    Promise.all(pending).finally(settled);
  };

  const bindFilters = (form) => {
    const kind = form.dataset.kind === "asks" ? "asks" : "mentors";
    const indexUrl = sameOrigin(form.dataset.index || "index.json", location.href);
    const count = document.querySelector(".cg-count");
    let list = document.querySelector("ul.cg-list");
    if (!list) {
      list = el("ul", "cg-list");
      (count || form).after(list);
    }
    const original = { items: [...list.children], count: count ? count.textContent : "" };
    const pagers = [...document.querySelectorAll(".cg-pagination, .cg-empty")];
    let index = null;
    let sequence = 0;

    const params = new URLSearchParams(location.search);
    for (const field of form.elements) {
      if (field.name && params.has(field.name)) field.value = params.get(field.name);
    }

    const state = () => {
      const chosen = {};
      for (const field of form.elements) {
        const value = field.name ? field.value.trim() : "";
        if (value) chosen[field.name] = value;
      }
      return chosen;
    };

    const update = async () => {
      const chosen = state();
      const url = new URL(location.href);
      for (const field of form.elements) {
        if (!field.name) continue;
        if (chosen[field.name]) url.searchParams.set(field.name, chosen[field.name]);
        else url.searchParams.delete(field.name);
      }
      history.replaceState(history.state, "", url.href);
      const mine = ++sequence;
      if (!Object.keys(chosen).length) {
        list.replaceChildren(...original.items);
        if (count) count.textContent = original.count;
        for (const node of pagers) node.hidden = false;
        return;
      }
      try {
        if (!index) {
          index = fetch(indexUrl).then((response) => {
            if (!response.ok) throw new Error(`${response.status} ${indexUrl}`);
            return response.json();
          });
          index.catch(() => {
            index = null;
          });
        }
        const data = await index;
        if (mine !== sequence) return;
        const found = data.items.filter((item) => matches(item, chosen));
        const [one, many] = NOUNS[kind];
        const noun = data.items.length === 1 ? one : many;
        const shown = found.length > SHOWN ? ` (showing the first ${SHOWN}; narrow the filters to see the rest)` : "";
        if (count) count.textContent = `${found.length} of ${data.items.length} ${noun} match${shown}`;
        const base = new URL(indexUrl);
        list.replaceChildren(...found.slice(0, SHOWN).map((item) => card(kind, item, data.labels, base)));
        showSent();
        for (const node of pagers) node.hidden = true;
      } catch {
        if (count) count.textContent = "Filtering is not available right now; the full list is below.";
      }
    };

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    if (!Object.keys(state()).length) return undefined;
    document.documentElement.classList.add("cg-filtering");
    return update();
  };

  const matches = (item, chosen) => {
    for (const [name, value] of Object.entries(chosen)) {
      if (name === "location") {
        if (!String(item.o || "").toLowerCase().includes(value.toLowerCase())) return false;
      } else if (FIELDS[name]) {
        const values = item[FIELDS[name]];
        if (!Array.isArray(values) || !values.includes(value)) return false;
      }
    }
    return true;
  };

  const names = (ids, labels) => (ids || []).map((id) => (labels && labels[id]) || id).join(", ");

  const card = (kind, item, labels, base) => {
    const li = el("li", "cg-card");
    li.dataset.cgKey = `${kind === "mentors" ? "m" : "a"}:${String(item.u).replace(/\/$/, "")}`;
    const title = el("h3", "cg-card-title");
    const href = sameOrigin(item.u, base);
    const link = el("a", "", item.n);
    if (href) link.href = href;
    title.append(link);
    li.append(title);
    if (kind === "mentors") {
      li.append(el("p", "cg-headline", item.h));
      const meta = el("p", "cg-meta");
      meta.append(el("span", "cg-skills", names(item.s, labels.skills)));
      if (item.o) meta.append(" · ", el("span", "cg-location", item.o));
      if (item.z) meta.append(" · ", el("span", "cg-zone", item.z));
      meta.append(" · ", el("span", "cg-formats", names(item.f, labels.formats)));
      li.append(meta);
    } else {
      const org = el("p", "cg-org", item.h);
      if (item.o) org.append(" · ", el("span", "cg-location", item.o));
      const posted = el("time", "", item.d);
      posted.dateTime = item.d;
      org.append(" · posted ", posted);
      const meta = el("p", "cg-meta", `${item.k} open stage${item.k === 1 ? "" : "s"}: `);
      meta.append(el("span", "cg-skills", names(item.s, labels.skills)));
      li.append(org, meta);
    }
    return li;
  };


  /* ---------- contact links (generator/contact.py writes them) ---------- */

  // generator/mailto.py's field encoding: UTF-8, all but A-Z a-z 0-9 - . _ ~ percent-encoded,
  // every line break as %0D%0A.
  const field = (text) =>
    encodeURIComponent(text.replace(/\r\n?|\n/g, "\r\n")).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );

  // generator/contact.py `reveal`: base64(salt + mailto path XOR a keystream seeded by the salt).
  const reveal = (token) => {
    const bytes = Uint8Array.from(atob(token), (c) => c.charCodeAt(0));
    let state = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    let path = "";
    for (let i = 4; i < bytes.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      path += String.fromCharCode(bytes[i] ^ (state >>> 24));
    }
    return path;
  };

  // The link's message: subject and body after the greeting sit on the link or an ancestor.
  const message = (link) => {
    const holder = link.closest("[data-cg-subject]");
    const subject = holder ? holder.dataset.cgSubject : "";
    const body = (link.dataset.cgHello || "") + (holder ? holder.dataset.cgBody : "");
    const path = reveal(link.dataset.cgTo);
    return { path, subject, body, url: `mailto:${path}?subject=${field(subject)}&body=${field(body)}` };
  };

  const arm = (link) => {
    try {
      link.href = message(link).url;
    } catch {
      // A damaged token: the link keeps its fallback, which spells the address out.
    }
  };

  const copyButton = (label, done, text, status, after) => {
    const button = el("button", "cg-copy", label);
    button.type = "button";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text());
        status.textContent = done;
        if (after) after();
      } catch {
        status.textContent = "Copying is not allowed here; use the link instead.";
      }
    });
    return button;
  };

  const initContacts = () => {
    for (const link of document.querySelectorAll("a.cg-mailto[data-cg-to]")) {
      if (link.dataset.cgBound) continue;
      link.dataset.cgBound = "1";
      for (const type of ["pointerdown", "focus", "keydown"]) link.addEventListener(type, () => arm(link));
      // Runs before the browser follows the link (and before Material's instant navigation looks).
      link.addEventListener("click", () => {
        arm(link);
        remember(link);
      });
      const status = el("span", "cg-copied");
      status.setAttribute("role", "status");
      const address = () => decodeURIComponent(message(link).path);
      const letter = () => {
        const { subject, body } = message(link);
        return `Subject: ${subject}\n\n${body}`;
      };
      const buttons = el("span", "cg-copy-buttons");
      buttons.append(
        copyButton("Copy address", "Address copied", address, status),
        " ",
        copyButton("Copy message", "Message copied: paste it into your email", letter, status, () =>
          remember(link),
        ),
      );
      link.after(" ", buttons, " ", status);
    }
    showSent();
  };

  /* ---------- remember what I sent: this browser's localStorage only ---------- */

  const SENT = `${ROOT.pathname}.cg-sent`;
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

  const sent = () => {
    try {
      const list = JSON.parse(localStorage.getItem(SENT) || "[]");
      return Array.isArray(list) ? list.filter((r) => r && typeof r === "object") : [];
    } catch {
      return [];
    }
  };
  const save = (list) => {
    try {
      localStorage.setItem(SENT, JSON.stringify(list.slice(-200)));
    } catch {
      // Storage full or disabled: nothing is remembered.
    }
  };
  const today = () => {
    const now = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  };

  const remember = (link) => {
    const box = link.closest("[data-cg-key]");
    if (!box) return;
    const record = {
      kind: link.dataset.cgKind === "offer" ? "offer" : "request",
      name: link.dataset.cgWho || "",
      stage: link.dataset.cgStage || "",
      key: box.dataset.cgKey,
      at: box.dataset.cgAt || "",
      date: today(),
    };
    save([...sent().filter((r) => r.key !== record.key || r.at !== record.at), record]);
    showSent();
  };

  // A node shows what was sent to its recipient (data-cg-key), about its stage if it names one.
  const mine = (node) => (r) => r.key === node.dataset.cgKey && (!node.dataset.cgAt || r.at === node.dataset.cgAt);

  const showSent = () => {
    const list = sent();
    for (const node of document.querySelectorAll("[data-cg-key]")) {
      const found = list.filter(mine(node)).at(-1);
      const old = [...node.children].find((child) => child.classList.contains("cg-sent"));
      if (!found) {
        if (old) old.remove();
        continue;
      }
      const [year, month, day] = String(found.date).split("-").map(Number);
      const about = found.stage && !node.dataset.cgAt ? ` about ${found.stage}` : "";
      const what = found.kind === "offer" ? "an offer" : "a request";
      const text = `You opened ${what} to ${found.name}${about} on ${day} ${MONTHS[month - 1]} ${year}. `;
      const note = old || el("span", "cg-sent");
      const forget = el("button", "cg-forget", "Forget");
      forget.type = "button";
      forget.setAttribute("aria-label", `Forget: ${text.trim()}`);
      forget.addEventListener("click", () => {
        save(sent().filter((r) => !mine(node)(r)));
        showSent();
        const back = node.querySelector("a");
        if (back) back.focus();
      });
      note.replaceChildren(el("span", "", text), forget);
      if (!old) node.append(note);
    }
  };

  /* ---------- start, and again after each instant navigation ---------- */

  const start = () => {
    initSearch();
    initFilters();
    initContacts();
  };
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
