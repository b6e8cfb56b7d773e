// Site search on /search/: a small accessible UI on Pagefind's JS API.
// Progressive enhancement: without this script the form still submits ?q= to
// this page, which then says that search needs JavaScript. Everything loads
// from this site: the Pagefind bundle and index live in /pagefind/.

const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 300;

const root = document.querySelector("[data-search]");
if (root) start(root);

function start(root) {
  const form = root.querySelector("[data-search-form]");
  const input = form.elements.q;
  const status = root.querySelector("[data-search-status]");
  const list = root.querySelector("[data-search-results]");
  const more = root.querySelector("[data-search-more]");
  const noScript = root.querySelector("[data-search-nojs]");
  let engine = null;
  let results = [];
  let query = "";
  let latest = 0;
  let timer = 0;

  // The page's messages, in its language (theme/translations/*.toml).
  const text = JSON.parse(root.dataset.searchText);
  const say = (message, values) => message.replace(/\{(\w+)\}/g, (_, key) => values[key]);

  noScript.hidden = true;

  // Pagefind loads on first use, so the page itself stays light.
  function pagefind() {
    engine ??= import(new URL(root.dataset.searchBundle, document.baseURI).href).then(async (pf) => {
      await pf.options({
        baseUrl: new URL(root.dataset.searchRoot, document.baseURI).pathname,
        noWorker: true, // a small index: skip the 40 KB worker download
        excerptLength: 24,
      });
      return pf;
    });
    return engine;
  }

  async function run(text) {
    const id = ++latest;
    query = text.trim();
    remember(query);
    if (!query) {
      results = [];
      show([], "");
      return;
    }
    let search;
    try {
      search = await (await pagefind()).search(query);
    } catch (error) {
      if (id === latest) failed(error);
      return;
    }
    if (id !== latest) return; // a newer query has started
    results = search.results;
    const page = await Promise.all(results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (id !== latest) return;
    show(page, summary(page.length));
  }

  async function showMore() {
    const id = latest;
    const start = list.children.length;
    const page = await Promise.all(results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
    if (id !== latest) return;
    list.append(...page.map((data) => item(data, text)));
    more.hidden = list.children.length >= results.length;
    status.textContent = summary(list.children.length);
    // Keyboard users continue at the first new result.
    list.children[start]?.querySelector("a")?.focus();
  }

  function show(page, message) {
    list.replaceChildren(...page.map((data) => item(data, text)));
    list.hidden = page.length === 0;
    more.hidden = results.length <= page.length || page.length === 0;
    status.replaceChildren(message);
    if (query && results.length === 0) status.append(" ", browseHint());
  }

  function summary(shownCount) {
    const quoted = `\u201c${query}\u201d`;
    if (results.length === 0) return say(text.none, { q: quoted });
    const count = results.length === 1 ? say(text.one, { q: quoted })
      : say(text.many, { count: results.length, q: quoted });
    return shownCount < results.length ? say(text.showing, { summary: count, shown: shownCount }) : `${count}.`;
  }

  function browseHint() {
    const hint = document.createElement("span");
    const links = Array.from(noScript.querySelectorAll("a"), (link) => link.cloneNode(true));
    // The message with its {archives} and {categories} parts as the page's own links.
    const parts = text.also.split(/\{(archives|categories)\}/);
    hint.append(...parts.map((part, i) => (i % 2 ? links[part === "archives" ? 0 : 1] : part) ?? ""));
    return hint;
  }

  function failed(error) {
    results = [];
    show([], text.failed);
    noScript.hidden = false;
    console.error(error);
  }

  // Keep the words in the address's #fragment, so Back and reload repeat the
  // search: a fragment never leaves the browser, so no server log records it
  // (a ?q= from the header form is moved there at once).
  function remember(text) {
    const url = new URL(location.href);
    url.search = "";
    url.hash = text ? "q=" + encodeURIComponent(text) : "";
    history.replaceState(null, "", url);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), TYPING_DELAY_MS);
  });
  more.querySelector("button").addEventListener("click", showMore);

  const initial = new URLSearchParams(location.search).get("q")
    || new URLSearchParams(location.hash.slice(1)).get("q");
  if (initial) {
    input.value = initial;
    remember(initial);
    run(initial);
  }
}

function item(data, text) {
  const li = element("li", "app-search-result");
  const heading = element("h2", "app-search-result__title");
  const link = element("a", "app-search-result__link", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const kind = element("p", "app-search-result__kind",
    data.meta.category ? text.article.replace("{category}", data.meta.category) : text.page);
  const excerpt = element("p", "app-search-result__excerpt");
  excerpt.append(...highlighted(data.excerpt || data.meta.summary || ""));
  li.append(heading, kind, excerpt);
  return li;
}

// Pagefind's excerpt is HTML with <mark> around matches. Parse it inert and
// keep only text and <mark>, so indexed content can never inject markup.
function highlighted(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return Array.from(template.content.childNodes, (node) =>
    node.nodeName === "MARK" ? element("mark", "app-search-result__match", node.textContent)
      : document.createTextNode(node.textContent));
}

function element(name, className, text) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
