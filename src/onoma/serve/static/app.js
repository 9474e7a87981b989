// The onoma editor page: normalize an article, translate it, review the names.
// Server text only ever reaches the page through textContent and setAttribute.
"use strict";

const state = { languages: [], names: new Map(), normalized: "", translations: new Map() };

const $ = (id) => document.getElementById(id);

function setStatus(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

async function call(path, body) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new Error(`The server did not answer (${err.message}).`);
  }
  let data = null;
  try {
    data = await response.json();
  } catch (err) {
    data = null;
  }
  if (!response.ok) {
    const reason = data && typeof data.error === "string" ? data.error : response.statusText;
    throw new Error(`${path}: ${reason} (HTTP ${response.status})`);
  }
  return data;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function languageName(code) {
  const found = state.languages.find((lang) => lang.code === code);
  return found ? found.name : code;
}

function renderTargets() {
  const box = $("targets");
  box.querySelectorAll(".target").forEach((node) => node.remove());
  const source = state.languages.find((lang) => lang.code === $("source").value);
  const targets = source ? source.targets : [];
  $("no-targets").hidden = targets.length > 0;
  $("translate").disabled = targets.length === 0;
  targets.forEach((code, index) => {
    const wrap = el("div", null, "target check");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.id = `target-${code}`;
    input.value = code;
    input.checked = index === 0;
    const label = el("label", languageName(code));
    label.htmlFor = input.id;
    wrap.append(input, label);
    box.append(wrap);
  });
}

async function init() {
  try {
    const [settings, languages] = await Promise.all([
      call("/frontend/settings"),
      call("/languages"),
    ]);
    state.languages = Array.isArray(languages) ? languages : [];
    const select = $("source");
    if (state.languages.length) {
      select.replaceChildren();
      const withTargets = state.languages.filter((lang) => lang.targets.length);
      const sources = state.languages.some((lang) => lang.code === "en")
        ? state.languages
        : [{ code: "en", name: "English", targets: [] }, ...state.languages];
      sources.forEach((lang) => {
        const option = el("option", lang.name);
        option.value = lang.code;
        select.append(option);
      });
      const preferred = settings && settings.language && settings.language.source;
      const code = preferred ? preferred.code : withTargets.length ? withTargets[0].code : "en";
      if (sources.some((lang) => lang.code === code)) select.value = code;
    }
    const styles = settings && Array.isArray(settings.styles) ? settings.styles : [];
    if (styles.length) {
      const style = $("style");
      const none = el("option", "Default");
      none.value = "";
      style.append(none);
      styles.forEach((name) => {
        const option = el("option", name);
        option.value = name;
        style.append(option);
      });
      style.value = settings.style || "";
      $("style-field").hidden = false;
    }
  } catch (err) {
    setStatus(err.message, true);
  }
  renderTargets();
}

function options() {
  const body = { lang: $("source").value, fuzzy: $("fuzzy").checked };
  if (!$("style-field").hidden && $("style").value) body.style = $("style").value;
  return body;
}

// Offsets from the server count code points; JavaScript strings count UTF-16 units.
function renderNormalized(original, result) {
  const target = $("normalized");
  target.replaceChildren();
  const chars = Array.from(original);
  const changes = [...result.changes].sort((a, b) => a.start - b.start);
  let cursor = 0;
  let rebuilt = "";
  for (const change of changes) {
    if (change.start < cursor || chars.slice(change.start, change.end).join("") !== change.old) {
      target.replaceChildren(document.createTextNode(result.text));
      return;
    }
    const before = chars.slice(cursor, change.start).join("");
    target.append(document.createTextNode(before));
    const mark = el("mark", change.new, "change");
    const entry = change.id ? `, entry ${change.id}` : "";
    const tip = `${change.old} → ${change.new}${entry}`;
    mark.title = tip;
    mark.dataset.tip = tip;
    mark.tabIndex = 0;
    mark.append(el("span", ` (was ${change.old}${entry})`, "visually-hidden"));
    target.append(mark);
    rebuilt += before + change.new;
    cursor = change.end;
  }
  const rest = chars.slice(cursor).join("");
  target.append(document.createTextNode(rest));
  if (rebuilt + rest !== result.text) {
    target.replaceChildren(document.createTextNode(result.text));
  }
}

function renderSuggestions(suggestions) {
  const list = $("suggestions");
  list.replaceChildren();
  for (const s of suggestions) {
    const item = el("li");
    item.append(el("strong", s.text), document.createTextNode(` (line ${s.line}, column ${s.column})`));
    const detail = s.reason ? `: ${s.reason}` : ` looks like ${s.canonical}`;
    item.append(document.createTextNode(`${detail} (entry ${s.id}, score ${Math.round(s.score)})`));
    list.append(item);
  }
  $("suggestions-box").hidden = suggestions.length === 0;
}

async function normalize() {
  const text = $("article").value;
  if (!text.trim()) {
    setStatus("Type or paste an article first.", true);
    $("article").focus();
    return null;
  }
  setStatus("Normalizing…");
  const result = await call("/normalize", { text, ...options() });
  state.normalized = result.text;
  renderNormalized(text, result);
  renderSuggestions(result.suggestions || []);
  const count = result.changes.length;
  $("change-summary").textContent = count
    ? `${count} spelling${count === 1 ? "" : "s"} changed (highlighted).`
    : "No spelling changed.";
  $("result").hidden = false;
  setStatus(`Normalized: ${count} change${count === 1 ? "" : "s"}, ` +
    `${(result.suggestions || []).length} to review.`);
  return result;
}

async function targetForms(id, target) {
  const key = `${id}\u0000${target}`;
  if (!state.names.has(key)) {
    const found = await call(`/glossary/search?q=${encodeURIComponent(id)}&limit=1`);
    const entry = (found.entries || []).find((e) => e.id === id);
    const forms = entry && entry.names[target] ? [entry.names[target]] : [];
    if (entry && entry.variants && Array.isArray(entry.variants[target])) {
      forms.push(...entry.variants[target]);
    }
    state.names.set(key, forms);
  }
  return state.names.get(key);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// A name may carry a case ending in the translation (Араика, Արայիկը): match the form,
// or its stem without a final vowel, followed by a few letters.
function namePattern(forms) {
  const parts = forms.filter(Boolean).sort((a, b) => b.length - a.length).map((form) => {
    const stem = form.length > 3 && /[aeiouyаеёиоуыэюяաեէըիոօ]$/i.test(form)
      ? form.slice(0, -1) : form;
    return `${escapeRegExp(stem)}\\p{L}{0,4}`;
  });
  return parts.length ? new RegExp(`(?<!\\p{L})(?:${parts.join("|")})`, "gu") : null;
}

function markNames(container, text, marks) {
  const spans = [];
  for (const { id, pattern } of marks) {
    for (const match of text.matchAll(pattern)) {
      spans.push({ start: match.index, end: match.index + match[0].length, id });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    container.append(document.createTextNode(text.slice(cursor, span.start)));
    const mark = el("mark", text.slice(span.start, span.end), "name");
    mark.title = `Glossary name, entry ${span.id}`;
    mark.dataset.tip = mark.title;
    mark.dataset.entry = span.id;
    mark.tabIndex = 0;
    container.append(mark);
    cursor = span.end;
  }
  container.append(document.createTextNode(text.slice(cursor)));
}

function reportLines(report) {
  const lines = [];
  if (!report) return lines;
  lines.push(`${report.preserved} of ${report.entities} names in their ${report.ok ? "" : "expected "}target form.`);
  for (const [id, form] of Object.entries(report.no_target_form || {})) {
    lines.push(`No name in this language for ${id}: kept “${form}”.`);
  }
  for (const sentence of report.fallback || []) {
    lines.push(`Line ${sentence.line} translated piece by piece: ${sentence.reason}`);
  }
  return lines;
}

async function translateInto(target, text, source) {
  const body = { q: text, source, target, format: "text", report: true };
  const extra = options();
  if (extra.style) body.style = extra.style;
  const result = await call("/translate", body);
  const translated = result.translatedText;
  const report = result.report || null;
  const marks = [];
  for (const id of Object.keys((report && report.by_entity) || {})) {
    const pattern = namePattern(await targetForms(id, target));
    if (pattern) marks.push({ id, pattern });
  }
  return { target, translated, report, marks };
}

function renderTranslation(done) {
  const column = el("section", null, "column");
  column.setAttribute("aria-labelledby", `title-${done.target}`);
  column.dataset.lang = done.target;
  const title = el("h3", languageName(done.target));
  title.id = `title-${done.target}`;
  const body = el("div", null, "text");
  body.lang = done.target;
  body.tabIndex = 0;
  markNames(body, done.translated, done.marks);
  const report = el("ul", null, "report");
  reportLines(done.report).forEach((line) => report.append(el("li", line)));
  const actions = el("div", null, "actions");
  const copy = el("button", `Copy ${languageName(done.target)}`);
  copy.type = "button";
  copy.dataset.copy = done.target;
  const download = el("button", `Download ${languageName(done.target)}`);
  download.type = "button";
  download.dataset.download = done.target;
  actions.append(copy, download);
  column.append(title, body, report, actions);
  return column;
}

async function translate() {
  const targets = [...document.querySelectorAll("#targets input:checked")].map((i) => i.value);
  if (!targets.length) {
    setStatus("Pick at least one language to translate into.", true);
    return;
  }
  const normalized = await normalize();
  if (!normalized) return;
  const source = $("source").value;
  const text = $("article").value;
  const box = $("translations");
  box.replaceChildren();
  state.translations.clear();
  for (const target of targets) {
    setStatus(`Translating into ${languageName(target)}…`);
    const done = await translateInto(target, text, source);
    state.translations.set(target, done.translated);
    box.append(renderTranslation(done));
  }
  $("translations-box").hidden = false;
  setStatus(`Translated into ${targets.map(languageName).join(", ")}.`);
}

function textFor(key) {
  return key === "normalized" ? state.normalized : state.translations.get(key) || "";
}

async function copyText(key) {
  const text = textFor(key);
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    const area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    if (!copied) throw new Error("The browser did not allow copying: select the text instead.");
  }
  setStatus("Copied to the clipboard.");
}

function download(key) {
  const blob = new Blob([textFor(key)], { type: "text/plain;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = key === "normalized" ? "article.normalized.txt" : `article.${key}.txt`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  setStatus(`Downloaded ${link.download}.`);
}

function guarded(action) {
  return async (event) => {
    if (event) event.preventDefault();
    const buttons = document.querySelectorAll("#editor button");
    buttons.forEach((b) => { b.dataset.wasDisabled = b.disabled; b.disabled = true; });
    try {
      await action();
    } catch (err) {
      setStatus(err.message, true);
    } finally {
      buttons.forEach((b) => { b.disabled = b.dataset.wasDisabled === "true"; });
    }
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("editor").addEventListener("submit", guarded(normalize));
  $("translate").addEventListener("click", guarded(translate));
  $("source").addEventListener("change", renderTargets);
  document.body.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.copy) guarded(() => copyText(button.dataset.copy))();
    if (button.dataset.download) download(button.dataset.download);
  });
  init();
});
