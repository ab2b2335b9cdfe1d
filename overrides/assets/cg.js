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
        // termSimilarity: a word of the query's length ranks above longer words it prefixes.
        await pf.options({ baseUrl: ROOT.pathname, excerptLength: 16, ranking: { termSimilarity: 3 } });
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

  // Hand-written pages' headings end in Material's "¶" permalink; a title never shows it.
  const cleanTitle = (text) => String(text || "").replace(/\s*¶\s*$/, "");

  // The letter-and-digit runs of a word as Pagefind indexes them ("<b>alert(1)" → b, alert, 1).
  const parts = (word) => word.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const sharedPrefix = (a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    return i;
  };

  // Pagefind answers a word it does not know with pages holding a shorter prefix of it (a typo,
  // "acountant", finds every "a"). Keep a page only if a word it matched shares most of a word
  // of the query.
  const relevant = (data, query) => {
    const terms = parts(query);
    const words = String(data.content || "").split(/\s+/);
    const found = (data.locations || []).flatMap((i) => parts(words[i] || ""));
    if (!found.length || !terms.length) return true;
    return found.some((word) => terms.some((term) => sharedPrefix(word, term) >= Math.ceil(0.6 * term.length)));
  };

  // The first `limit` relevant results of `query`, checking at most `budget` of Pagefind's;
  // `complete` says whether every result was checked (so `items.length` is the true count).
  const searchRelevant = async (query, limit, budget) => {
    const pf = await loadPagefind();
    const found = await pf.search(query);
    const checked = found.results.slice(0, budget);
    const items = [];
    for (let at = 0; at < checked.length && items.length < limit; at += 24) {
      const batch = await Promise.all(checked.slice(at, at + 24).map((r) => r.data()));
      items.push(...batch.filter((data) => relevant(data, query)));
    }
    const complete = checked.length === found.results.length && items.length <= limit;
    return { items: items.slice(0, limit), complete, total: found.results.length };
  };

  const resultLink = (item) => {
    const href = sameOrigin(item.url, location.href);
    if (!href) return null;
    const link = el("a", "cg-search__link");
    link.href = href;
    link.append(
      el("span", "cg-search__type", (item.meta && item.meta.type) || "Page"),
      el("span", "cg-search__title", cleanTitle(item.meta && item.meta.title) || item.url),
    );
    const excerpt = el("span", "cg-search__excerpt");
    excerpt.append(...excerptNodes(item.excerpt || ""));
    link.append(excerpt);
    const li = el("li");
    li.append(link);
    return li;
  };

  const searchPageUrl = (query) => {
    const url = new URL("search/", ROOT);
    url.searchParams.set("q", query);
    return url.href;
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
      try {
        const found = await searchRelevant(query, RESULTS + 1, 24);
        if (mine !== sequence) return;
        render(query, found);
      } catch {
        if (mine !== sequence) return;
        panel.replaceChildren(el("p", "cg-search__note", "Search is not available right now."));
        open(input, panel);
      }
    };

    const render = (query, found) => {
      const items = found.items.slice(0, RESULTS);
      const more = found.items.length > RESULTS || !found.complete;
      const children = [];
      if (!items.length) {
        children.push(el("p", "cg-search__note", `No results for “${query}”.`));
      } else {
        const count = more ? `The best ${items.length} results` : `${items.length} result${items.length === 1 ? "" : "s"}`;
        children.push(el("p", "cg-search__note", count));
        const list = el("ul", "cg-search__list");
        list.append(...items.map(resultLink).filter(Boolean));
        children.push(list);
        if (more) {
          const all = el("a", "cg-search__more", "See all results");
          all.href = searchPageUrl(query);
          children.push(all);
        }
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

  /* ---------- the full results page, /search/?q=… ---------- */

  const ALL_RESULTS = 200;

  const initSearchPage = () => {
    const form = document.querySelector("form.cg-search-page");
    if (!form || form.dataset.cgBound) return;
    form.dataset.cgBound = "1";
    const input = form.elements.q;
    const count = document.querySelector(".cg-search-count");
    const list = document.querySelector("ul.cg-search-all");
    let sequence = 0;
    const run = async () => {
      const query = input.value.trim();
      const url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
      const mine = ++sequence;
      list.replaceChildren();
      if (!query) {
        count.textContent = "Type a name, an organisation, a skill or a word.";
        return;
      }
      count.textContent = "Searching…";
      try {
        const found = await searchRelevant(query, ALL_RESULTS, ALL_RESULTS);
        if (mine !== sequence) return;
        const n = found.items.length;
        const capped = found.complete ? "" : ` (the best ${n}; add a word to narrow the search)`;
        count.textContent = n ? `${n} result${n === 1 ? "" : "s"} for “${query}”${capped}` : `No results for “${query}”.`;
        list.replaceChildren(...found.items.map(resultLink).filter(Boolean));
      } catch {
        if (mine === sequence) count.textContent = "Search is not available right now.";
      }
    };
    input.value = new URLSearchParams(location.search).get("q") || "";
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run();
    });
    run();
  };

  /* ---------- filters on /asks/ and /mentors/ ---------- */

  // Each list's filter files (generator/render_filters.py `indexes` describes them): meta.json,
  // a bitset of list positions per filter value, place.json for the location, and card records
  // in small files. A first filter loads meta.json, one bitset and that value's first cards.
  const NOUNS = { mentors: ["available mentor", "available mentors"], asks: ["open ask", "open asks"] };

  // Position p (an entry's place in the list) is bit p % 8 of byte p >> 3.
  const bitset = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const has = (set, p) => ((set[p >> 3] >> (p & 7)) & 1) === 1;

  // place.json, with how many cards each place's "-first.json" file holds and its last position.
  const withFirsts = (first) => (place) => {
    const size = place.names.map(() => 0);
    const last = place.names.map(() => Infinity);
    place.at.forEach((j, p) => {
      if (++size[j] === first) last[j] = p;
    });
    const remote = place.remote ? bitset(place.remote) : null;
    return { ...place, size: size.map((n) => Math.min(n, first)), last, remote };
  };

  // A chosen value's "-first.json" file: how many cards it holds, and which positions.
  const firstFile = (file, set, meta) => {
    let size = 0;
    let last = Infinity;
    for (let p = 0; p < meta.count && size < meta.first; p++) {
      if (has(set, p) && ++size === meta.first) last = p;
    }
    return { file, size, covers: (p) => has(set, p) && p <= last };
  };

  // Fetches each file of a folder once (a failed one is fetched again on the next change).
  const fileLoader = (folder) => {
    const files = new Map();
    return (name, prepare = (data) => data) => {
      if (!files.has(name)) {
        if (!folder) throw new Error("no filter files");
        const url = new URL(name, folder);
        const file = fetch(url)
          .then((response) => {
            if (!response.ok) throw new Error(`${response.status} ${url}`);
            return response.json();
          })
          .then(prepare);
        file.catch(() => files.delete(name));
        files.set(name, file);
      }
      return files.get(name);
    };
  };

  // The positions passing every filter, in list order. For mentors, a location keeps those there
  // first, then remote-capable ones (the array's `located` says how many are there).
  const matching = (kind, count, filters) => {
    const place = filters.find((f) => f.name === "location");
    const others = filters.filter((f) => f !== place);
    const there = [];
    const away = [];
    for (let p = 0; p < count; p++) {
      if (!others.every((f) => f.test(p))) continue;
      if (!place || place.test(p)) there.push(p);
      else if (kind === "mentors" && place.remote && has(place.remote, p)) away.push(p);
    }
    const found = there.concat(away);
    if (kind === "mentors" && place) found.located = there.length;
    return found;
  };

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
    const folder = sameOrigin(form.dataset.filters || "filter_data/", location.href);
    const get = fileLoader(folder);
    const records = new Map(); // list position → card record
    const count = document.querySelector(".cg-count");
    let list = document.querySelector("ul.cg-list");
    if (!list) {
      list = el("ul", "cg-list");
      (count || form).after(list);
    }
    const original = { items: [...list.children], count: count ? count.textContent : "" };
    const pagers = [...document.querySelectorAll(".cg-pagination, .cg-empty")];
    let sequence = 0;

    // Below the count while filtering: "Clear filters" and, when nothing matches, the one filter
    // whose removal would match the most entries (`without(name)` counts them).
    const help = el("div", "cg-filter-help");
    help.hidden = true;
    (count || form).after(help);
    const setFields = (values) => {
      for (const field of form.elements) if (field.name) field.value = values[field.name] || "";
      update();
    };
    const showHelp = (chosen, total, without) => {
      const clear = el("button", "cg-clear", "Clear filters");
      clear.type = "button";
      clear.addEventListener("click", () => setFields({}));
      const children = [clear];
      if (!total) {
        const names = Object.keys(chosen);
        let best = null;
        for (const name of names) {
          const n = without(name);
          if (n && (!best || n > best.n)) best = { name, n };
        }
        if (best && names.length > 1) {
          const fewer = { ...chosen };
          delete fewer[best.name];
          const field = form.elements[best.name];
          const label = form.querySelector(`label[for="${field.id}"]`);
          const value = field.tagName === "SELECT" ? field.options[field.selectedIndex].text : field.value;
          const drop = el("button", "cg-drop", `Remove ${label ? label.textContent : best.name}: ${value}`);
          drop.type = "button";
          drop.addEventListener("click", () => setFields(fewer));
          children.push(el("span", "cg-suggest", `Nothing matches all of these. Without that one filter, ${best.n} would:`), drop);
        } else {
          children.push(el("span", "cg-suggest", "Nothing matches; try another value or clear the filters."));
        }
      }
      help.replaceChildren(...children);
      help.hidden = false;
    };

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

    // One chosen filter: which positions pass it, and the files holding its first cards.
    const filterFor = async (meta, name, value) => {
      if (name === "location") {
        const place = await get("place.json", withFirsts(meta.first));
        const there = place.names.map((text) => text.toLowerCase().includes(value.toLowerCase()));
        const heads = place.names.flatMap((_, j) =>
          there[j] && place.size[j]
            ? [{ file: `place-${j}-first.json`, size: place.size[j], covers: (p) => place.at[p] === j && p <= place.last[j] }]
            : [],
        );
        return { name, test: (p) => there[place.at[p]], heads, remote: place.remote };
      }
      const i = (meta.values[name] || []).indexOf(value);
      if (i < 0) return { name, test: () => false, heads: [] }; // no entry has that value
      const set = await get(`${name}-${i}.json`, bitset);
      return { name, test: (p) => has(set, p), heads: [firstFile(`${name}-${i}-first.json`, set, meta)] };
    };

    // Card records of `wanted` positions not loaded yet: from a chosen value's or place's
    // "-first.json" file when it spares more chunk records than it holds, else from chunks.
    const loadRecords = async (meta, wanted, heads) => {
      const chunks = (positions) => new Set(positions.map((p) => Math.floor(p / meta.chunk)));
      let missing = wanted.filter((p) => !records.has(p));
      const files = [];
      for (const head of heads) {
        const rest = missing.filter((p) => !head.covers(p));
        if ((chunks(missing).size - chunks(rest).size) * meta.chunk >= head.size) {
          files.push(head.file);
          missing = rest;
        }
      }
      files.push(...[...chunks(missing)].map((k) => `chunk-${k}.json`));
      for (const file of await Promise.all(files.map((name) => get(name)))) {
        file.at.forEach((p, i) => records.set(p, file.items[i]));
      }
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
        help.hidden = true;
        list.replaceChildren(...original.items);
        if (count) count.textContent = original.count;
        for (const node of pagers) node.hidden = false;
        return;
      }
      try {
        const meta = await get("meta.json");
        const filters = await Promise.all(Object.entries(chosen).map(([name, value]) => filterFor(meta, name, value)));
        const found = matching(kind, meta.count, filters);
        const shown = found.slice(0, SHOWN);
        await loadRecords(meta, shown, filters.flatMap((f) => f.heads));
        if (mine !== sequence) return;
        const [one, many] = NOUNS[kind];
        const noun = meta.count === 1 ? one : many;
        const more = found.length > SHOWN ? ` (showing the first ${SHOWN}; narrow the filters to see the rest)` : "";
        const matched = found.located === undefined
          ? "match"
          : `in “${chosen.location}” or remote (${found.located} there, ${found.length - found.located} by video, phone or email)`;
        const base = new URL(folder);
        list.replaceChildren(...shown.map((p) => card(kind, records.get(p), meta.labels, base)));
        if (count) count.textContent = `${found.length} of ${meta.count} ${noun} ${matched}${more}`;
        showSent();
        for (const node of pagers) node.hidden = true;
        const without = (name) => matching(kind, meta.count, filters.filter((f) => f.name !== name)).length;
        showHelp(chosen, found.length, without);
      } catch {
        if (mine === sequence && count) count.textContent = "Filtering is not available right now; the full list is below.";
      }
    };

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", update);
    if (!Object.keys(state()).length) return undefined;
    document.documentElement.classList.add("cg-filtering");
    return update();
  };

  // "2 December 2026", as the generated pages write dates (see generator/dates.py).
  const humanDate = (iso) => {
    const day = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(day.getTime())) return iso;
    return day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  };

  const names = (ids, labels) => (ids || []).map((id) => (labels && labels[id]) || id).join(", ");

  const card = (kind, item, labels, base) => {
    const li = el("li", "cg-card");
    // The key showSent() matches: the entry's slug, the last part of its URL ("../ana/").
    li.dataset.cgKey = `${kind === "mentors" ? "m" : "a"}:${String(item.u).replace(/\/$/, "").split("/").pop()}`;
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
      const posted = el("time", "cg-date", humanDate(item.d));
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
    initSearchPage();
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
