"""Findings as people and CI systems read them: text, JSON, GitHub annotations, JUnit XML.

Each renderer is a pure function from findings to a string, so the CLI only picks one and writes
it. Formats:

- ``text``: ``file:line: severity code: message``, one per line (``file: ...`` when the finding
  is about the whole file);
- ``json``: ``{"version": 1, "findings": [...], "summary": {...}}``;
- ``github``: workflow commands (``::error file=F,line=N,title=CODE::MESSAGE``) that GitHub
  Actions turns into annotations on the pull request;
- ``junit``: one ``<testcase>`` per checked file, failing when it has findings at or above the
  ``--fail-on`` severity; warnings below it go to ``<system-out>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from xml.etree import ElementTree as ET

from passerelle.counts import counted
from passerelle.steps.checks import (
    ERROR,
    Finding,
    reported_files,
    severity_rank,
    sort_findings,
)

FINDINGS_FORMATS = ("text", "json", "github", "junit")


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    """Counts by severity, and how many files have findings."""
    return {
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
        "files": len({f.path for f in findings}),
    }


def failing(findings: Sequence[Finding], fail_on: str = ERROR) -> list[Finding]:
    """Findings at or above ``fail_on``: those that make ``passerelle check`` exit 1."""
    bar = severity_rank(fail_on)
    return [f for f in findings if severity_rank(f.severity) >= bar]


def findings_text(
    findings: Sequence[Finding], files: Sequence[str] = (), fail_on: str = ERROR
) -> str:
    """``file:line: severity code: message`` lines, the format compilers and editors use."""
    lines = []
    for f in sort_findings(findings):
        where = f"{f.path}:{f.line}" if f.line else f.path
        lines.append(f"{where}: {f.severity} {f.code}: {f.message}")
    return "".join(line + "\n" for line in lines)


def findings_json(
    findings: Sequence[Finding], files: Sequence[str] = (), fail_on: str = ERROR
) -> str:
    """A stable JSON document for scripts (keys never change meaning within a version)."""
    data = {
        "version": 1,
        "fail_on": fail_on,
        "files": reported_files(findings, files),
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
                "lang": f.lang,
                "document": f.document,
            }
            for f in sort_findings(findings)
        ],
        "summary": summary(findings),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules: % CR LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (message rules plus ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def findings_github(
    findings: Sequence[Finding], files: Sequence[str] = (), fail_on: str = ERROR
) -> str:
    """``::error file=...,line=...,title=code::message`` lines for GitHub Actions."""
    lines = []
    for f in sort_findings(findings):
        props = [f"file={escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={escape_property(f.code)}")
        command = "error" if f.severity == "error" else "warning"
        lines.append(f"::{command} {','.join(props)}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def _describe(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return f"{where}: {finding.severity} {finding.code}: {finding.message}"


def findings_junit(
    findings: Sequence[Finding], files: Sequence[str] = (), fail_on: str = ERROR
) -> str:
    """JUnit XML: one test case per checked file, failed by findings at or above ``fail_on``."""
    by_file: dict[str, list[Finding]] = {path: [] for path in reported_files(findings, files)}
    for f in sort_findings(findings):
        by_file.setdefault(f.path, []).append(f)
    failures = sum(1 for items in by_file.values() if failing(items, fail_on))
    suites = ET.Element("testsuites", name="passerelle check")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="passerelle check",
        tests=str(len(by_file)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    suites.set("tests", str(len(by_file)))
    suites.set("failures", str(failures))
    for path, items in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="passerelle.check", name=path)
        bad = failing(items, fail_on)
        if bad:
            codes = ", ".join(dict.fromkeys(f.code for f in bad))
            failure = ET.SubElement(
                case,
                "failure",
                type=bad[0].code,
                message=f"{counted(len(bad), 'finding')}: {codes}",
            )
            failure.text = "\n".join(_describe(f) for f in bad)
        rest = [f for f in items if f not in bad]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(f) for f in rest)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


Renderer = Callable[[Sequence[Finding], Sequence[str], str], str]

RENDERERS: dict[str, Renderer] = {
    "text": findings_text,
    "json": findings_json,
    "github": findings_github,
    "junit": findings_junit,
}


def render_findings(
    findings: Sequence[Finding], fmt: str, files: Sequence[str] = (), fail_on: str = ERROR
) -> str:
    """Findings in the named format (one of :data:`FINDINGS_FORMATS`)."""
    return RENDERERS[fmt](findings, files, fail_on)
