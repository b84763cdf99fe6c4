// Escaping for what reaches a PR comment. The config refuses odd strings at config time; this is the
// second line of defence: a value such as "Standard_D2s_v5\n```\n# x" or "<img src=x>" must render
// as text, never end a code block, open a heading or reach GitHub as raw HTML.
// Rules: CommonMark 0.31 (backslash escapes of ASCII punctuation, §2.4; entity references, §2.5;
// fenced code blocks close on a fence at least as long as the opening one, §4.5; no markdown is
// processed inside an HTML block line such as `<summary>...</summary>`, §4.6), and GFM tables
// (`\|` inside a cell, §4.10).

/** Newlines and other control characters as visible escapes ("\n"), so one value stays on one line. */
export function oneLine(s: string): string {
    return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** Text for markdown (a paragraph or a table cell): one line, HTML as entities, punctuation escaped. */
export function md(s: string): string {
    return oneLine(s)
        .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
        .replace(/[\\`*_[\]|~!#{}()+\-.:@$^=]/g, (c) => `\\${c}`);
}

/** Text inside an HTML element (`<summary>`): markdown is not processed there, so entities only. */
export function html(s: string): string {
    return oneLine(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An inline code span that no value can break: a fence longer than any backtick run inside, one line. */
export function code(s: string): string {
    const text = oneLine(s).replace(/\|/g, "¦"); // a pipe would split a table cell even inside code (GFM §4.10)
    const run = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const ticks = "`".repeat(run + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in `lines` (so none can close it). */
export function fenced(lines: string[], info = ""): string[] {
    const safe = lines.map(oneLine);
    const run = Math.max(0, ...safe.flatMap((l) => l.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(Math.max(3, run + 1));
    return [`${fence}${info}`, ...safe, fence];
}

/**
 * A Mermaid node label, to put between double quotes: quotes, angle brackets, `#`, `&` and
 * backticks as Mermaid's entity codes (`#quot;`, `#lt;`, `#35;`...), so no label ends the string,
 * opens HTML, or ends the markdown code block around the diagram. Mermaid docs: "Entity codes to
 * escape characters" (flowchart syntax).
 */
export function mermaidText(s: string): string {
    return oneLine(s).replace(/[#"<>&`\\]/g, (c) => `#${c.charCodeAt(0)};`);
}
