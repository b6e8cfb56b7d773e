// Live preview, put into pages by the devserver only (edelica_site/dev/handler.py):
// the page reloads when a rebuild changed it, swaps a changed stylesheet without
// a reload, and shows a failed build's problems in a dialog over the last good page.
// Builds the dialog with DOM calls and textContent only: no inline script or style.
(() => {
  "use strict";
  const tag = document.currentScript;
  const boot = tag.dataset.boot;
  const missing = tag.dataset.missing === "true"; // this address has no page (a 404)
  let version = Number(tag.dataset.version);
  let dialog = null;

  // The address as the devserver names pages: /articles/x/ for /articles/x/index.html.
  function here() {
    let path = location.pathname;
    if (path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
    try {
      return decodeURI(path);
    } catch (error) {
      return path;
    }
  }

  function el(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function ensureStyles() {
    if (document.querySelector("link[data-devserver]")) return;
    const link = el("link");
    link.rel = "stylesheet";
    link.href = "/__devserver/live.css";
    link.dataset.devserver = "";
    document.head.append(link);
  }

  function swapStyle(path) {
    for (const old of document.querySelectorAll('link[rel="stylesheet"]:not([data-devserver])')) {
      if (new URL(old.href).pathname !== path) continue;
      const fresh = old.cloneNode();
      const url = new URL(old.href);
      url.searchParams.set("v", String(version));
      fresh.href = url.href;
      // The old sheet stays until the new one has loaded: no flash of an unstyled page.
      fresh.addEventListener("load", () => old.remove(), { once: true });
      old.after(fresh);
    }
  }

  function openDialog(heading, intro) {
    ensureStyles();
    if (!dialog) {
      dialog = el("dialog", "app-devlive");
      dialog.setAttribute("role", "alertdialog");
      dialog.setAttribute("aria-labelledby", "devlive-heading");
      dialog.setAttribute("aria-describedby", "devlive-intro");
      document.body.append(dialog);
    }
    dialog.replaceChildren();
    const title = el("h2", "app-devlive__heading", heading);
    title.id = "devlive-heading";
    title.tabIndex = -1;
    const lead = el("p", "app-devlive__intro", intro);
    lead.id = "devlive-intro";
    dialog.append(title, lead);
    return dialog;
  }

  function showDialog() {
    const form = el("form", "app-devlive__actions");
    form.method = "dialog";
    form.append(el("button", "app-devlive__button", "Hide until the next save"));
    dialog.append(form);
    if (!dialog.open) dialog.showModal();
    dialog.querySelector(".app-devlive__heading").focus();
  }

  function closeDialog() {
    if (dialog) {
      dialog.remove();
      dialog = null;
    }
  }

  function codeLines(problem) {
    const pre = el("pre", "app-devlive__code");
    pre.setAttribute("aria-label", `${problem.file}, lines ${problem.context[0].number} to `
      + `${problem.context[problem.context.length - 1].number}`);
    pre.tabIndex = 0; // long lines scroll sideways: keyboard users can scroll too
    for (const line of problem.context) {
      const row = el(line.marked ? "mark" : "span", "app-devlive__line");
      row.append(el("span", "app-devlive__number", String(line.number).padStart(4, " ") + "  "),
                 document.createTextNode(line.text || " "));
      if (line.marked) row.append(el("span", "app-devlive__hidden", "  (the line with the problem)"));
      pre.append(row, "\n");
    }
    return pre;
  }

  function problemItem(problem) {
    const item = el("li", "app-devlive__problem");
    const where = el("h3", "app-devlive__where");
    where.append(el("code", "", problem.file), `, line ${problem.line}`);
    const what = el("p", "app-devlive__what");
    what.append(el("strong", "", "What is wrong: "), problem.what);
    item.append(where, what);
    if (problem.fix) {
      const fix = el("p", "app-devlive__fix");
      fix.append(el("strong", "", "How to fix it: "), problem.fix);
      item.append(fix);
    }
    if (problem.context.length) item.append(codeLines(problem));
    return item;
  }

  function showFailure(report) {
    const count = report.problems.length;
    const intro = count
      ? `${count === 1 ? "One problem stops the build. Fix it" : `${count} problems stop the build. Fix them`}`
        + " in the file and save: this page updates by itself. Until then it shows the last good build."
      : "Fix the problem and save: this page updates by itself. Until then it shows the last good build.";
    const box = openDialog(report.title, intro);
    if (count) {
      const list = el("ol", "app-devlive__problems");
      report.problems.forEach((problem) => list.append(problemItem(problem)));
      box.append(list);
    }
    if (report.messages.length) {
      box.append(el("pre", "app-devlive__messages", report.messages.join("\n")));
    }
    if (report.traceback) box.append(el("pre", "app-devlive__messages", report.traceback));
    showDialog();
  }

  // A 404 after a good build: the page being edited may live at another address
  // (a draft is at /drafts/...).
  function showBuilt(edited) {
    const box = openDialog("No page at this address",
      "The site built. The page you are editing is here:");
    const list = el("ul", "app-devlive__links");
    for (const page of edited) {
      const item = el("li");
      const link = el("a", "app-devlive__link", page.url);
      link.href = page.url;
      item.append(link, ` (from ${page.source})`);
      list.append(item);
    }
    box.append(list);
    showDialog();
  }

  function update(message) {
    if (message.boot !== boot) {
      location.reload(); // the devserver was restarted
      return;
    }
    const changed = message.reload_all || message.pages.includes(here())
      || (missing && message.pages.includes("/404.html"));
    version = message.version;
    if (changed) {
      location.reload();
      return;
    }
    if (message.failed) {
      showFailure(message.failed);
      return;
    }
    message.styles.forEach(swapStyle);
    const elsewhere = message.edited.filter((page) => page.url !== here());
    if (missing && elsewhere.length) showBuilt(elsewhere);
    else closeDialog();
  }

  function listen() {
    const events = new EventSource(`/__devserver/events?since=${version}`);
    events.addEventListener("message", (event) => update(JSON.parse(event.data)));
    events.addEventListener("error", () => {
      // Ask again from the version now shown (EventSource would reuse the old address).
      events.close();
      setTimeout(listen, 1000);
    });
  }

  listen();
})();
