"""The status as one web page: a summary per language, then every (document, language) to
filter and sort.

A project of thousands of documents in several languages has tens of thousands of such pairs; as
table rows they made a page of megabytes that a browser laid out all at once. The pairs travel
instead as one compact JSON block (each document's name once, then rows of numbers per
language), and a few lines of plain script draw the rows the reader asks for, a page at a time.
The page stays one file, with nothing fetched from the network.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from passerelle.counts import counted, plural

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
color:#1d2330;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
.lead{color:#555;margin:0 0 1.5rem}
section{border:1px solid #d8dce3;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
h2{font-size:1.1rem;margin:0 0 .5rem;display:flex;gap:.5rem;align-items:baseline}
h2 .percent{margin-left:auto;font-variant-numeric:tabular-nums}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e9ecf1;margin:0 0 .5rem}
.bar span{display:block;height:100%}
.bar .translated{background:#2e8b57}.bar .fuzzy{background:#e0a526}
.bar .untranslated{background:#c9ced6}
.key span{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin:0 .3em 0 .8em}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.2rem .5rem;text-align:right;border-bottom:1px solid #eef0f3}
th:first-child,td:first-child{text-align:left}
tr.total td{font-weight:600}
td.bad{color:#b00020;font-weight:600}
#documents th{cursor:pointer;user-select:none}
#documents .tools{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:0 0 .5rem}
"""

_COLUMNS = (
    ("translated", "Translated"),
    ("fuzzy", "Fuzzy"),
    ("untranslated", "Untranslated"),
    ("units", "Units"),
    ("translated_words", "Words translated"),
    ("words", "Words"),
    ("errors", "Errors"),
    ("warnings", "Warnings"),
    ("exempted", "Exempted"),
)
#: The numbers of a document row, in the order of the JSON block and of the table's columns.
ROW_FIELDS = ("percent", *(name for name, _ in _COLUMNS))

# Rows are [document, language, *ROW_FIELDS]; ``draw`` shows those the filters keep, sorted,
# PAGE at a time. Numbers sort from the largest first, names from A.
_SCRIPT = """(function(){
var data=JSON.parse(document.getElementById("status-data").textContent),rows=[];
Object.keys(data.languages).forEach(function(l){data.languages[l].forEach(function(v,i){
if(v.length)rows.push([data.documents[i],l].concat(v));});});
var $=function(id){return document.getElementById(id);},body=$("document-rows");
var PAGE=200,limit=PAGE,key=0,dir=1,F=data.fields;
var at=function(f){return F.indexOf(f)+2;};
function kept(){var q=$("filter").value.toLowerCase(),l=$("language").value,p=$("problems").checked;
return rows.filter(function(r){return(!l||r[1]===l)&&(!q||r[0].toLowerCase().indexOf(q)>=0)
&&(!p||r[at("errors")]>0||r[at("warnings")]>0||r[at("untranslated")]>0||r[at("fuzzy")]>0);});}
function draw(){var list=kept().sort(function(a,b){
return(a[key]<b[key]?-1:a[key]>b[key]?1:0)*dir||(a[0]<b[0]?-1:a[0]>b[0]?1:0);});
body.textContent="";list.slice(0,limit).forEach(function(r){var tr=document.createElement("tr");
tr.dataset.document=r[0];tr.dataset.lang=r[1];r.forEach(function(v,i){
var td=document.createElement("td");td.textContent=i===2?v+"%":v;
if(i>1)td.dataset.field=F[i-2];if(F[i-2]==="errors"&&v)td.className="bad";tr.appendChild(td);});
body.appendChild(tr);});
$("shown").textContent=Math.min(limit,list.length)+" of "+list.length+" shown";
$("more").hidden=list.length<=limit;}
document.querySelectorAll("#documents th").forEach(function(th,i){th.onclick=function(){
dir=key===i?-dir:i>1?-1:1;key=i;draw();};});
["filter","language","problems"].forEach(function(id){$(id).oninput=function(){limit=PAGE;draw();};});
$("more").onclick=function(){limit+=PAGE;draw();};draw();})();"""


def _cells(row: dict[str, Any]) -> str:
    cells = []
    for field_name, _ in _COLUMNS:
        value = row.get(field_name, 0)  # a status saved before a column existed has none
        bad = ' class="bad"' if field_name == "errors" and value else ""
        cells.append(f'<td data-field="{field_name}"{bad}>{value}</td>')
    return "".join(cells)


def _bar(lang: dict[str, Any]) -> str:
    """Shares of units: translated, fuzzy, untranslated (widths sum to 100%)."""
    units = lang["units"] or 1
    parts = []
    for key in ("translated", "fuzzy", "untranslated"):
        width = 100.0 * lang[key] / units
        parts.append(f'<span class="{key}" style="width:{width:.2f}%" title="{key}"></span>')
    label = (
        f"{lang['percent']}% translated, {lang['fuzzy']} fuzzy, {lang['untranslated']} untranslated"
    )
    return f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(parts)}</div>'


def _section(lang: dict[str, Any]) -> str:
    """A language's summary: its bar and its totals (its documents are in the table below)."""
    head = "".join(f"<th>{title}</th>" for _, title in _COLUMNS)
    code = escape(lang["lang"])
    total = f'<tr class="total" data-document=""><td>All documents</td>{_cells(lang)}</tr>'
    return (
        f'<section id="lang-{code}" data-lang="{code}">'
        f'<h2><span lang="{code}" dir="{lang["direction"]}">{escape(lang["name"])}</span>'
        f'<code>{code}</code><span class="percent" data-field="percent">{lang["percent"]}%</span>'
        f"</h2>{_bar(lang)}"
        f"<table><thead><tr><th>{counted(len(lang['documents']), 'document')}</th>{head}"
        "</tr></thead>"
        f"<tbody>{total}</tbody></table></section>"
    )


def document_rows(data: dict[str, Any]) -> dict[str, Any]:
    """Every (document, language) as the page carries it: names once, numbers per language."""
    names = list(
        dict.fromkeys(d["document"] for lang in data["languages"] for d in lang["documents"])
    )
    index = {name: i for i, name in enumerate(names)}
    languages = {}
    for lang in data["languages"]:
        rows: list[list[Any]] = [[] for _ in names]
        for doc in lang["documents"]:
            rows[index[doc["document"]]] = [doc.get(name, 0) for name in ROW_FIELDS]
        languages[lang["lang"]] = rows
    return {"fields": list(ROW_FIELDS), "documents": names, "languages": languages}


def _json_block(value: Any) -> str:
    """JSON for inside a script element: ``<`` written ``\\u003c`` so no text can end it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("&", "\\u0026")


def _explorer(data: dict[str, Any]) -> str:
    options = "".join(
        f'<option value="{escape(lang["lang"])}">{escape(lang["lang"])}</option>'
        for lang in data["languages"]
    )
    head = "".join(f"<th>{title}</th>" for _, title in _COLUMNS)
    return (
        '<section id="documents"><h2>Documents</h2><div class="tools">'
        '<label>Filter <input id="filter" type="search" placeholder="document name"></label>'
        f'<label>Language <select id="language"><option value="">all</option>{options}'
        "</select></label>"
        '<label><input id="problems" type="checkbox"> only what needs work</label>'
        '<span id="shown"></span></div>'
        f"<table><thead><tr><th>Document</th><th>Language</th><th>%</th>{head}</tr></thead>"
        '<tbody id="document-rows"></tbody></table>'
        '<p><button id="more" type="button" hidden>Show more</button></p>'
        f'<script type="application/json" id="status-data">{_json_block(document_rows(data))}'
        f"</script><script>{_SCRIPT}</script></section>"
    )


def status_page(data: dict[str, Any]) -> str:
    """One self-contained page: inline CSS and script, nothing fetched from the network."""
    source = data["source_findings"]
    key = (
        '<p class="key"><span style="background:#2e8b57"></span>translated'
        '<span style="background:#e0a526"></span>fuzzy (draft, not shipped)'
        '<span style="background:#c9ced6"></span>untranslated</p>'
    )
    lead = (
        f'<p class="lead">Source language <code>{escape(data["source_lang"])}</code>; '
        f"{counted(len(data['languages']), 'language')}. Source documents: "
        f'<span data-field="source-errors">{source["errors"]}</span> '
        f"{plural(source['errors'], 'error')}, "
        f'<span data-field="source-warnings">{source["warnings"]}</span> '
        f"{plural(source['warnings'], 'warning')}.</p>"
    )
    sections = "".join(_section(lang) for lang in data["languages"])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Passerelle: translation status</title>"
        f"<style>{_CSS}</style></head><body><h1>Translation status</h1>{lead}{key}{sections}"
        f"{_explorer(data)}</body></html>\n"
    )
