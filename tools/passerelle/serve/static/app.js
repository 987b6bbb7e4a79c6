/* The review page: documents and units on the left, the page as it will ship beside the
   French, and the editor of the unit clicked. Every request is same-origin; saving sends the
   CSRF token the server handed out and what the unit held when it was opened. */
"use strict";

const $ = id => document.getElementById(id);
const state = { csrf: "", languages: [], lang: "", doc: "", units: [], filter: "all", current: null, base: null };
let field = null;  // the field being edited: the unit's one field, or the plural form focused
let single = null;
let plurals = null;
let checkTimer = 0;
let draftText = null;

async function api(path, body) {
  const options = { credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.headers["X-CSRF-Token"] = state.csrf;
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let data = {};
  try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
  return { status: response.status, data };
}

function query(params) { return new URLSearchParams(params).toString(); }
function language() { return state.languages.find(l => l.code === state.lang) || { tag: state.lang, dir: "ltr" }; }
function say(text, error) { $("status").textContent = text; $("status").className = error ? "error" : ""; }

async function start() {
  const { data } = await api("/api/session");
  state.csrf = data.csrf;
  state.languages = data.languages;
  $("project").textContent = data.project;
  const wanted = new URLSearchParams(location.search);
  for (const l of data.languages) $("lang").append(new Option(l.code, l.code));
  state.lang = wanted.get("lang") && data.languages.some(l => l.code === wanted.get("lang")) ? wanted.get("lang") : (data.languages[0] || {}).code;
  $("lang").value = state.lang;
  state.doc = wanted.get("doc") || "";
  field = single = new ChipField($("field"), $("palette"), () => scheduleCheck());
  plurals = new PluralEditor($("plural-fields"), () => scheduleCheck(), f => { field = f; });
  for (const box of [$("field"), $("plural-fields")]) box.addEventListener("field-refused", e => say(e.detail, true));
  bind();
  await loadDocuments();
}

async function loadDocuments() {
  const { data } = await api("/api/documents?" + query({ lang: state.lang }));
  const list = $("documents");
  list.replaceChildren();
  $("doc").replaceChildren();
  for (const doc of data.documents || []) {
    const li = document.createElement("li");
    li.dataset.doc = doc.name;
    li.textContent = `${doc.name} — ${doc.percent}%`;
    li.title = `${doc.translated} translated, ${doc.fuzzy} fuzzy, ${doc.untranslated} untranslated, ${doc.findings} with findings`;
    const bar = document.createElement("span");
    bar.className = "progress";
    const fill = document.createElement("i");
    fill.style.width = `${doc.percent}%`;
    bar.append(fill);
    li.append(bar);
    li.addEventListener("click", () => openDocument(doc.name));
    list.append(li);
    $("doc").append(new Option(doc.name, doc.name));
  }
  const names = (data.documents || []).map(d => d.name);
  if (!names.includes(state.doc)) state.doc = names[0] || "";
  if (state.doc) await openDocument(state.doc);
}

async function openDocument(name) {
  state.doc = name;
  $("doc").value = name;
  for (const li of $("documents").children) li.classList.toggle("current", li.dataset.doc === name);
  history.replaceState(null, "", "/?" + query({ lang: state.lang, doc: name }));
  closeEditor();
  await loadUnits();
  showPages();
}

async function loadUnits() {
  const { data } = await api("/api/units?" + query({ lang: state.lang, doc: state.doc }));
  state.units = data.units || [];
  renderUnits();
}

function matchesFilter(unit) {
  if (state.filter === "untranslated") return unit.state === "untranslated";
  if (state.filter === "fuzzy") return unit.state === "fuzzy";
  if (state.filter === "findings") return unit.findings.length > 0;
  return true;
}

function renderUnits() {
  $("list-title").textContent = "Units";
  const list = $("units");
  list.replaceChildren();
  for (const unit of state.units.filter(matchesFilter)) {
    const li = document.createElement("li");
    li.dataset.unit = unit.id;
    const dot = document.createElement("span");
    dot.className = `dot ${unit.state}`;
    dot.title = unit.state;
    li.append(dot, document.createTextNode(unit.msgid.slice(0, 70)));
    if (state.current && state.current.id === unit.id) li.classList.add("current");
    li.addEventListener("click", () => openUnit(unit.id));
    list.append(li);
  }
}

function pageUrl(french) {
  const path = `/preview/${encodeURIComponent(state.lang)}/${state.doc.split("/").map(encodeURIComponent).join("/")}.html`;
  return french ? path + "?french=1" : path;
}

function showPages() {
  $("target-caption").textContent = `${state.lang} — as it will ship`;
  for (const [frame, french] of [[$("target-page"), false], [$("source-page"), true]]) {
    frame.onload = () => wirePage(frame);
    frame.src = pageUrl(french);
  }
}

function reloadTarget() {
  const frame = $("target-page");
  const y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
  frame.onload = () => { wirePage(frame); frame.contentWindow.scrollTo(0, y); };
  frame.contentWindow.location.reload();
}

function wirePage(frame) {
  const doc = frame.contentDocument;
  if (!doc) return;
  const style = doc.createElement("style");
  style.textContent = "[data-unit]{cursor:pointer}[data-unit]:hover{outline:2px dashed #0b5cad}" +
    "[data-unit].passerelle-current{outline:2px solid #0b5cad;background:#ddf4ff55}";
  doc.head.append(style);
  doc.addEventListener("click", e => {
    const unit = e.target.closest && e.target.closest("[data-unit]");
    if (!unit) return;
    e.preventDefault();
    openUnit(Number(unit.dataset.unit));
  }, true);
  highlight();
}

function highlight() {
  for (const frame of [$("target-page"), $("source-page")]) {
    const doc = frame.contentDocument;
    if (!doc) continue;
    for (const el of doc.querySelectorAll(".passerelle-current")) el.classList.remove("passerelle-current");
    if (!state.current) continue;
    const els = doc.querySelectorAll(`[data-unit="${state.current.id}"]`);
    for (const el of els) el.classList.add("passerelle-current");
    if (els[0]) els[0].scrollIntoView({ block: "nearest" });
  }
  for (const li of $("units").children) li.classList.toggle("current", !!state.current && Number(li.dataset.unit) === state.current.id);
}

function openUnit(id) {
  const unit = state.units[id];
  if (!unit) return;
  state.current = unit;
  state.base = { msgstr: unit.msgstr, fuzzy: unit.fuzzy, forms: unit.forms };
  $("editor").hidden = false;
  $("conflict").hidden = true;
  renderText($("source"), unit.plural ? `${unit.msgid}\n${unit.msgid_plural}` : unit.msgid, null, false);
  $("unit-state").textContent = unit.state;
  $("comment").textContent = [unit.comment, unit.references.join(" ")].filter(Boolean).join(" — ");
  const box = $("previous-box");
  box.hidden = !unit.previous;
  $("previous").replaceChildren(...(unit.previous || []).map(([op, text]) => {
    const el = document.createElement(op === "-" ? "del" : op === "+" ? "ins" : "span");
    el.textContent = text;
    return el;
  }));
  const lang = language();
  const input = $("field");
  input.lang = lang.tag;
  input.dir = lang.dir;
  $("draft").lang = lang.tag;
  $("draft").dir = lang.dir;
  input.hidden = $("palette").hidden = unit.plural;
  $("plural-fields").hidden = !unit.plural;
  if ($("status").className === "error") say("", false);
  showFindings(unit.findings);
  draftText = null;
  $("draft").textContent = "";
  loadMatches(unit);
  highlight();
  if (unit.plural) {
    plurals.load(unit, lang);
    field = plurals.fields[0];
    field.node.focus();
    field.setCaret(field.atoms().length);
    return;
  }
  field = single;
  field.french = unit.msgid;
  const start = unit.msgstr || window.placeholderTokens(unit.msgid).join("");
  field.load(unit.msgid, start);
  input.focus();
  field.setCaret(window.placeholderTokens(start).length && !unit.msgstr ? 0 : field.atoms().length);
}

function closeEditor() {
  state.current = null;
  $("editor").hidden = true;
  highlight();
}

function showFindings(findings) {
  $("findings").replaceChildren(...findings.map(f => {
    const li = document.createElement("li");
    li.className = f.severity;
    li.textContent = `${f.severity}: ${f.message} [${f.code}]`;
    return li;
  }));
}

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 200);
}

async function runCheck() {
  const unit = state.current;
  if (!unit) return;
  const body = {
    lang: state.lang, msgid: unit.msgid, msgctxt: unit.msgctxt, comment: unit.comment,
    msgstr: unit.plural ? "" : field.value(), fuzzy: unit.fuzzy,
  };
  if (unit.plural) Object.assign(body, { msgid_plural: unit.msgid_plural, forms: plurals.values() });
  const { data } = await api("/api/check", body);
  if (state.current === unit) showFindings(data.findings || []);
}

async function loadMatches(unit) {
  const { data } = await api("/api/suggest?" + query({ lang: state.lang, msgid: unit.msgid, current: unit.msgstr }));
  if (state.current !== unit) return;
  const list = $("matches");
  list.replaceChildren();
  for (const [i, match] of (data.matches || []).entries()) {
    const li = document.createElement("li");
    li.title = `Alt+${i + 1}: use it`;
    const text = document.createElement("span");
    text.lang = language().tag;
    text.dir = language().dir;
    text.textContent = match.msgstr;
    const small = document.createElement("small");
    small.textContent = `${match.score}% — ${match.msgid}`;
    li.append(text, small);
    li.addEventListener("click", () => field.replace(match.msgstr));
    list.append(li);
  }
}

async function askDraft() {
  const unit = state.current;
  if (!unit) return;
  if (draftText !== null) { field.replace(draftText); return; }
  $("draft").textContent = "…";
  const { data } = await api("/api/draft?" + query({ lang: state.lang, msgid: unit.msgid }));
  if (state.current !== unit) return;
  draftText = data.text;
  $("draft").textContent = data.text === null ? `${data.engine}: ${data.note || "no draft"}` : data.text;
  $("draft").title = `${data.engine}${data.cached ? " (cached)" : ""}`;
}

/* Save the unit: ``texts`` (its text, or a plural's forms) or what the fields hold. */
async function save(fuzzy, texts, base) {
  const unit = state.current;
  if (!unit) return false;
  const text = texts !== undefined ? texts : unit.plural ? plurals.values() : field.value();
  const missing = texts !== undefined ? [] : unit.plural ? plurals.missing() : text ? field.missing() : [];
  if (missing.length) {
    say(`Place every placeholder first: ${missing.join(" ")}`, true);
    return false;
  }
  say("Saving…", false);
  const sent = base || state.base;
  const body = {
    lang: state.lang, doc: state.doc, id: unit.id, msgctxt: unit.msgctxt, msgid: unit.msgid,
    msgstr: unit.plural ? "" : text, fuzzy, base_msgstr: sent.msgstr, base_fuzzy: sent.fuzzy,
  };
  if (unit.plural) Object.assign(body, { forms: text, base_forms: sent.forms });
  const { status, data } = await api("/api/save", body);
  if (status === 409) {
    showConflict(data, text, fuzzy);
    say("Not saved: the unit changed on disk", true);
    return false;
  }
  if (status !== 200) { say(data.error || `Not saved (${status})`, true); return false; }
  const saved = Object.assign(data.unit, { id: unit.id });
  state.units[unit.id] = saved;
  state.current = saved;
  state.base = { msgstr: saved.msgstr, fuzzy: saved.fuzzy, forms: saved.forms };
  $("conflict").hidden = true;
  $("unit-state").textContent = saved.state;
  showFindings(saved.findings);
  say(fuzzy ? "Saved as fuzzy" : "Approved", false);
  renderUnits();
  reloadTarget();
  refreshProgress();
  return true;
}

async function refreshProgress() {
  const { data } = await api("/api/documents?" + query({ lang: state.lang }));
  for (const doc of data.documents || []) {
    const li = [...$("documents").children].find(el => el.dataset.doc === doc.name);
    if (!li) continue;
    li.firstChild.nodeValue = `${doc.name} — ${doc.percent}%`;
    li.querySelector(".progress i").style.width = `${doc.percent}%`;
  }
}

function showConflict(data, yours, fuzzy) {
  $("conflict").hidden = false;
  const theirs = data.theirs;
  $("theirs").lang = $("yours").lang = language().tag;
  $("theirs").dir = $("yours").dir = language().dir;
  const shown = texts => Array.isArray(texts) ? texts.join("\n") : texts;
  $("theirs").textContent = theirs ? `${shown(theirs.forms || theirs.msgstr)}${theirs.fuzzy ? " (fuzzy)" : ""}` : "(the unit is gone from the catalog)";
  $("yours").textContent = shown(yours);
  $("keep-mine").disabled = !theirs;
  $("keep-mine").onclick = () => save(fuzzy, yours, theirs);
  $("take-theirs").onclick = () => {
    if (theirs) {
      state.base = { msgstr: theirs.msgstr, fuzzy: theirs.fuzzy, forms: theirs.forms };
      if (theirs.forms) plurals.replaceAll(theirs.forms); else field.replace(theirs.msgstr);
    }
    $("conflict").hidden = true;
    loadUnits();
  };
}

function step(direction, quiet) {
  const from = state.current ? state.current.id : -1;
  const todo = state.units.filter(u => u.state !== "translated");
  const next = direction > 0 ? todo.find(u => u.id > from) : [...todo].reverse().find(u => u.id < from);
  if (next) openUnit(next.id);
  else if (!quiet) say(direction > 0 ? "No unit to do after this one" : "No unit to do before this one", false);
}

async function search(text) {
  if (!text) { renderUnits(); return; }
  const { data } = await api("/api/search?" + query({ lang: state.lang, q: text }));
  $("list-title").textContent = `Search: ${data.results.length} found`;
  const list = $("units");
  list.replaceChildren();
  for (const hit of data.results) {
    const li = document.createElement("li");
    const dot = document.createElement("span");
    dot.className = `dot ${hit.state}`;
    li.append(dot, document.createTextNode(`${hit.document}: ${hit.msgid.slice(0, 60)}`));
    li.title = hit.msgstr;
    li.addEventListener("click", async () => {
      if (hit.document !== state.doc) await openDocument(hit.document);
      openUnit(hit.id);
    });
    list.append(li);
  }
}

function bind() {
  $("lang").addEventListener("change", async () => { state.lang = $("lang").value; await loadDocuments(); });
  $("doc").addEventListener("change", () => openDocument($("doc").value));
  $("filter").addEventListener("change", () => { state.filter = $("filter").value; renderUnits(); });
  $("search-form").addEventListener("submit", e => { e.preventDefault(); search($("search").value.trim()); });
  $("approve").addEventListener("click", () => approve());
  $("fuzzy").addEventListener("click", () => save(true));
  $("next").addEventListener("click", () => step(1));
  $("prev").addEventListener("click", () => step(-1));
  $("ask-draft").addEventListener("click", () => askDraft());
  $("help-button").addEventListener("click", () => $("help").showModal());
  document.addEventListener("keydown", keys);
}

async function approve() {
  if (await save(false)) step(1, true);
}

document.addEventListener("DOMContentLoaded", start);
