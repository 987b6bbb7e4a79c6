/* The translation field: text with placeholders as chips that can be moved, never dropped,
   duplicated or invented. The field's content is a list of atoms (one per character, one per
   placeholder); every edit the browser makes is checked against the French's placeholders and
   undone if it broke them. The server checks again on saving. */
"use strict";

const PLACEHOLDER = /<(\/?)([A-Za-z]+)(\d+)(\/?)>/g;

function tokensOf(text) {
  return [...text.matchAll(PLACEHOLDER)].filter(m => !(m[1] && m[4])).map(m => m[0]);
}

function chipLabel(token) {
  const m = /^<(\/?)([A-Za-z]+)(\d+)(\/?)>$/.exec(token);
  return m ? `${m[1]}${m[2]}${m[3]}${m[4]}` : token;
}

function makeChip(token, editable) {
  const chip = document.createElement("span");
  chip.className = "chip";
  chip.dataset.ph = token;
  chip.textContent = chipLabel(token);
  chip.title = token;
  if (editable) {
    chip.contentEditable = "false";
    chip.draggable = true;
  }
  return chip;
}

/* Text and chips as DOM nodes (placeholders the French does not have stay text). */
function renderInto(node, text, allowed, editable) {
  node.replaceChildren();
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (allowed && !allowed.has(m[0])) continue;
    if (m.index > last) node.append(document.createTextNode(text.slice(last, m.index)));
    node.append(makeChip(m[0], editable));
    last = m.index + m[0].length;
  }
  if (last < text.length) node.append(document.createTextNode(text.slice(last)));
}

function count(tokens) {
  const counts = new Map();
  for (const t of tokens) counts.set(t, (counts.get(t) || 0) + 1);
  return counts;
}

class ChipField {
  constructor(node, palette, onChange) {
    this.node = node;
    this.palette = palette;
    this.onChange = onChange;
    this.source = new Map();
    this.good = { html: "", caret: 0 };
    this.dragged = null;
    node.addEventListener("beforeinput", e => this.beforeInput(e));
    node.addEventListener("input", () => this.checked());
    node.addEventListener("paste", e => this.paste(e));
    node.addEventListener("dragstart", e => this.dragStart(e));
    node.addEventListener("dragover", e => e.preventDefault());
    node.addEventListener("drop", e => this.drop(e));
    node.addEventListener("dragend", () => { this.dragged = null; });
  }

  /* A new unit: its French (whose placeholders are the only ones allowed) and its text. */
  load(source, text) {
    this.source = count(tokensOf(source));
    renderInto(this.node, text, new Set(this.source.keys()), true);
    this.remember();
    this.refreshPalette();
  }

  value() {
    let out = "";
    const walk = node => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out += child.nodeValue;
        else if (child.dataset && child.dataset.ph) out += child.dataset.ph;
        else if (child.nodeName === "BR") out += "\n";
        else walk(child);
      }
    };
    walk(this.node);
    return out;
  }

  chips() { return [...this.node.querySelectorAll(".chip")].map(c => c.dataset.ph); }

  missing() {
    const have = count(this.chips());
    const out = [];
    for (const [token, n] of this.source) {
      for (let i = have.get(token) || 0; i < n; i++) out.push(token);
    }
    return out;
  }

  /* Whether the field keeps every chip it had, holds none the French lacks, and has no
     placeholder typed as text. */
  sound(before) {
    const chips = this.chips();
    const have = count(chips);
    for (const [token, n] of have) if (n > (this.source.get(token) || 0)) return false;
    if (chips.length < before) return false;
    const texts = [];
    const walker = document.createTreeWalker(this.node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest(".chip")) texts.push(walker.currentNode.nodeValue);
    }
    return tokensOf(texts.join("\u0000")).length === 0;
  }

  /* What the browser wraps text in while editing (a <div>, a <span style>) is unwrapped, so
     the field stays text and chips side by side. */
  flatten() {
    let changed = false;
    for (const el of [...this.node.querySelectorAll("*")]) {
      if (el.classList.contains("chip") || el.closest(".chip") !== el && el.closest(".chip")) continue;
      changed = true;
      if (el.nodeName === "BR") { el.replaceWith(document.createTextNode(el.nextSibling || el.previousSibling ? "\n" : "")); continue; }
      el.replaceWith(...el.childNodes);
    }
    return changed;
  }

  beforeInput(e) {
    if (e.inputType === "insertParagraph") {
      e.preventDefault();
    } else if (e.inputType === "insertLineBreak") {
      e.preventDefault();
      document.execCommand("insertText", false, "\n");
    } else if (e.inputType === "insertFromDrop" || e.inputType === "deleteByDrag") {
      e.preventDefault(); /* chips move through drop(); text is not dragged in */
    }
  }

  paste(e) {
    e.preventDefault();
    const text = (e.clipboardData.getData("text/plain") || "").replace(PLACEHOLDER, "");
    document.execCommand("insertText", false, text);
  }

  checked() {
    const caret = this.caret();
    const flattened = this.flatten();
    if (!this.sound(this.good.count)) {
      this.node.innerHTML = this.good.html;
      this.setCaret(this.good.caret);
      this.flash("Placeholders can be moved, not deleted, copied or typed");
    } else {
      if (flattened) { this.node.normalize(); this.setCaret(caret); }
      this.remember();
    }
    this.refreshPalette();
    this.onChange();
  }

  remember() {
    this.good = { html: this.node.innerHTML, caret: this.caret(), count: this.chips().length };
  }

  flash(text) {
    const ev = new CustomEvent("field-refused", { detail: text });
    this.node.dispatchEvent(ev);
  }

  refreshPalette() {
    this.palette.replaceChildren();
    for (const token of this.missing()) {
      const chip = makeChip(token, false);
      chip.title = `Place ${token} at the caret (Alt+P)`;
      chip.addEventListener("mousedown", e => { e.preventDefault(); this.place(token); });
      this.palette.append(chip);
    }
  }

  /* Atoms: one per character of text, one per chip; the caret is an atom offset. */
  atoms() {
    const out = [];
    for (const child of this.node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(...child.nodeValue);
      else if (child.dataset && child.dataset.ph) out.push({ ph: child.dataset.ph });
    }
    return out;
  }

  caret() {
    const sel = window.getSelection();
    if (!sel.rangeCount || !this.node.contains(sel.anchorNode)) return this.atoms().length;
    const range = sel.getRangeAt(0);
    let offset = 0;
    for (const child of this.node.childNodes) {
      if (range.startContainer === child) return offset + range.startOffset;
      if (range.startContainer === this.node && [...this.node.childNodes].indexOf(child) === range.startOffset) return offset;
      offset += child.nodeType === Node.TEXT_NODE ? child.nodeValue.length : 1;
    }
    return offset;
  }

  setCaret(target) {
    const range = document.createRange();
    let offset = 0;
    let placed = false;
    for (const child of this.node.childNodes) {
      const size = child.nodeType === Node.TEXT_NODE ? child.nodeValue.length : 1;
      if (offset + size >= target && child.nodeType === Node.TEXT_NODE) {
        range.setStart(child, target - offset);
        placed = true;
        break;
      }
      if (offset + size > target) {
        range.setStartBefore(child);
        placed = true;
        break;
      }
      offset += size;
    }
    if (!placed) { range.selectNodeContents(this.node); range.collapse(false); }
    range.collapse(true);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  setAtoms(atoms, caret) {
    const text = atoms.map(a => (typeof a === "string" ? a : a.ph)).join("");
    renderInto(this.node, text, new Set(this.source.keys()), true);
    this.node.focus();
    this.setCaret(caret);
    this.remember();
    this.refreshPalette();
    this.onChange();
  }

  /* Replace the whole text (a suggestion, the French): chips the French lacks are left out. */
  replace(text) {
    const kept = count(tokensOf(text));
    let clean = text;
    for (const [token, n] of kept) {
      if (n > (this.source.get(token) || 0)) clean = clean.split(token).join("");
    }
    renderInto(this.node, clean, new Set(this.source.keys()), true);
    this.node.focus();
    this.setCaret(this.atoms().length);
    this.remember();
    this.refreshPalette();
    this.onChange();
  }

  place(token) {
    if (!this.missing().includes(token)) return;
    const atoms = this.atoms();
    const at = this.node.contains(document.activeElement) || document.activeElement === this.node ? this.caret() : atoms.length;
    atoms.splice(at, 0, { ph: token });
    this.setAtoms(atoms, at + 1);
  }

  placeNext() {
    const next = this.missing()[0];
    if (next) this.place(next);
  }

  /* Alt+Shift+Left/Right: the chip just before the caret (else just after) moves a word. */
  moveChip(direction) {
    const atoms = this.atoms();
    let at = this.caret();
    let index = typeof atoms[at - 1] === "object" ? at - 1 : (typeof atoms[at] === "object" ? at : -1);
    if (index < 0) return;
    const [chip] = atoms.splice(index, 1);
    let pos = index;
    const word = a => typeof a === "string" && /\S/.test(a);
    if (direction > 0) {
      while (pos < atoms.length && !word(atoms[pos])) pos++;
      while (pos < atoms.length && word(atoms[pos])) pos++;
    } else {
      while (pos > 0 && !word(atoms[pos - 1])) pos--;
      while (pos > 0 && word(atoms[pos - 1])) pos--;
    }
    atoms.splice(pos, 0, chip);
    this.setAtoms(atoms, pos + 1);
  }

  dragStart(e) {
    const chip = e.target.closest && e.target.closest(".chip");
    if (!chip || !this.node.contains(chip)) { e.preventDefault(); return; }
    this.dragged = chip;
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", "");
  }

  drop(e) {
    e.preventDefault();
    const chip = this.dragged;
    this.dragged = null;
    if (!chip) return;
    const range = document.caretRangeFromPoint ? document.caretRangeFromPoint(e.clientX, e.clientY) : null;
    if (!range || !this.node.contains(range.startContainer)) return;
    range.insertNode(chip);
    this.node.normalize();
    this.remember();
    this.onChange();
  }
}

window.ChipField = ChipField;
window.renderText = renderInto;
window.placeholderTokens = tokensOf;
