/* The editor of a plural entry: one chip field per plural form of the target language, each
   labelled with its name ("one", "few", ...) and counts that pick it, as the catalog's
   Plural-Forms says. The form a count of one picks translates the French singular, the others
   the French plural: each field allows that text's placeholders. */
"use strict";

class PluralEditor {
  constructor(box, onChange, onFocus) {
    this.box = box;
    this.onChange = onChange;
    this.onFocus = onFocus;
    this.fields = [];
  }

  /* A new plural unit: one labelled field per form, filled with what the catalog holds. */
  load(unit, lang) {
    this.box.replaceChildren();
    this.fields = unit.plural_forms.map((form, k) => {
      const row = document.createElement("div");
      row.className = "plural-form";
      const label = document.createElement("label");
      label.id = `form-label-${k}`;
      const name = document.createElement("strong");
      name.textContent = form.label;
      const counts = document.createElement("small");
      counts.textContent = ` ${form.counts}`;
      label.append(name, counts);
      const node = document.createElement("div");
      node.id = `form-${k}`;
      node.className = "text field";
      node.contentEditable = "true";
      node.spellcheck = true;
      node.lang = lang.tag;
      node.dir = lang.dir;
      node.setAttribute("role", "textbox");
      node.setAttribute("aria-multiline", "true");
      node.setAttribute("aria-labelledby", label.id);
      const palette = document.createElement("div");
      palette.className = "palette";
      palette.setAttribute("aria-label", `Placeholders to place in the ${form.label} form`);
      label.addEventListener("click", () => node.focus());
      row.append(label, node, palette);
      this.box.append(row);
      const field = new ChipField(node, palette, this.onChange);
      field.french = form.one ? unit.msgid : unit.msgid_plural;
      field.label = form.label;
      node.addEventListener("focus", () => this.onFocus(field));
      node.addEventListener("field-refused", e => this.box.dispatchEvent(new CustomEvent("field-refused", { detail: e.detail })));
      field.load(field.french, unit.forms[k] || "");  // an empty form stays empty: its chips wait in the palette
      return field;
    });
  }

  values() { return this.fields.map(f => f.value()); }

  /* "one: <b1>" for every filled form still missing placeholders. */
  missing() {
    return this.fields.filter(f => f.value() && f.missing().length).map(f => `${f.label}: ${f.missing().join(" ")}`);
  }

  replaceAll(forms) { this.fields.forEach((f, k) => f.replace(forms[k] || "")); }
}

window.PluralEditor = PluralEditor;
