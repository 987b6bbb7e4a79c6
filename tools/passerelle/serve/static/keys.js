/* The review page's keyboard shortcuts, as its help dialog lists them. Each acts on the unit
   open in the editor and on the field being edited (a plural entry's focused form). */
"use strict";

function keys(e) {
  const k = e.key;
  if ((e.ctrlKey || e.metaKey) && k === "Enter") { e.preventDefault(); if (e.shiftKey) save(true); else approve(); return; }
  if (k === "F1") { e.preventDefault(); $("help").showModal(); return; }
  if (k === "Escape" && state.current && !$("help").open) { closeEditor(); return; }
  if (!e.altKey) return;
  if (e.shiftKey && (k === "ArrowLeft" || k === "ArrowRight")) {
    e.preventDefault();
    const rtl = language().dir === "rtl";
    field.moveChip((k === "ArrowRight") !== rtl ? 1 : -1);
    return;
  }
  const code = e.code;
  if (k === "ArrowDown") { e.preventDefault(); step(1); }
  else if (k === "ArrowUp") { e.preventDefault(); step(-1); }
  else if (code === "KeyC" && state.current) { e.preventDefault(); field.replace(field.french || state.current.msgid); }
  else if (code === "KeyP") { e.preventDefault(); field.placeNext(); }
  else if (code === "KeyD") { e.preventDefault(); askDraft(); }
  else if (code === "KeyS") { e.preventDefault(); $("search").focus(); }
  else if (code === "KeyL") { e.preventDefault(); $("lang").focus(); }
  else if (/^Digit[1-5]$/.test(code)) {
    const item = $("matches").children[Number(code.slice(5)) - 1];
    if (item) { e.preventDefault(); item.click(); }
  }
}
