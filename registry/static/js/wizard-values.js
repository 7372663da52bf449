/* The values the registration wizard reads and checks, apart from its pages and steps (wizard.js):
   numbers with every digit they were written with, and the credit code's check character. */
"use strict";

window.wizardValues = (function () {
  /* Numbers keep every digit they were written with: a JavaScript number holds about 16 significant
     digits, the registry up to 34 (docs/development.md, "Exact numbers"). A number that a double
     would change stays its JSON text (JSON.rawJSON) in the document, is shown in its field as
     written, and is posted as written. A browser without JSON.rawJSON rounds to doubles, as before. */
  const rawNumbers = typeof JSON.rawJSON === "function";
  const keepDigits = (key, value, context) =>
    (rawNumbers && typeof value === "number" && context && context.source !== String(value) ? JSON.rawJSON(context.source) : value);
  const parseExact = (text) => JSON.parse(text, keepDigits);
  const numberText = (value) => (rawNumbers && JSON.isRawJSON(value) ? value.rawJSON : value);
  // A number as the server reads one (registry/domain/numbers.py): full-width digits count.
  const NUMERIC = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  function typedNumber(typed) {
    const text = typed.normalize("NFKC").trim();
    if (text === "") return undefined;
    // Not a number ("12e", "1,2,3"): kept as typed, so the server says 必须是数字，实际为“12e”. The
    // fields were <input type=number>, whose value is empty for such text: "为必填项" was said.
    if (!NUMERIC.test(text)) return text;
    const number = Number(text);
    if (!rawNumbers || String(number) === text) return number;
    try { return JSON.rawJSON(text); } catch (e) { return number; }  // not JSON's spelling (".5"): a double
  }

  /* GB 32100 unified social credit code, checked in the browser for instant feedback (the server
     re-checks): null, or the label key of the problem and its parameters. */
  const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  function creditCheck(code) {
    if (code.length !== 18) return { message: "code_length", params: { n: code.length } };
    for (let i = 0; i < 18; i++) {
      if (!ALPHABET.includes(code[i])) return { message: "code_char", params: { pos: i + 1, char: code[i] } };
    }
    const total = WEIGHTS.reduce((sum, w, i) => sum + ALPHABET.indexOf(code[i]) * w, 0);
    const expected = ALPHABET[(31 - (total % 31)) % 31];
    return expected === code[17] ? null : { message: "code_bad", params: { expected, got: code[17] } };
  }

  /* A parcel's corners typed one per line, "longitude, latitude" (a space or a comma between):
     { ring } closed, or the label key of the problem and its parameters. The server checks the rest
     (a valid polygon, in the district, longitude and latitude not swapped). */
  function corners(text) {
    const ring = [];
    const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
    for (const [i, line] of lines.entries()) {
      const parts = line.split(/[\s,，;；]+/).filter(Boolean);
      const pair = parts.map(Number);
      if (pair.length !== 2 || !pair.every(Number.isFinite)) return { problem: "corner_unreadable", params: { line: i + 1, text: line } };
      ring.push(pair);
    }
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
    return ring.length < 4 ? { problem: "corners_few", params: {} } : { ring };
  }

  const fmt = (template, params) => template.replace(/%\((\w+)\)s/g, (_, k) => params[k]);
  /* Why ``text`` is no JSON (``error`` from JSON.parse), in the page's language: the place where the
     browser's message gives one (Chrome: "at position 12 (line 2 column 3)", Firefox: "at line 2
     column 3"), else the end of the text where it stops short; else no place. */
  function jsonProblem(text, error, labels) {
    const message = String(error && error.message);
    const place = (offset) => {
      const lines = text.slice(0, offset).split("\n");
      return { line: lines.length, column: lines[lines.length - 1].length + 1 };
    };
    let at = null;
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    if (lineColumn) at = { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    else if (position) at = place(Number(position[1]));
    else if (/end of (JSON )?(input|data)/i.test(message)) at = place(text.trimEnd().length);
    if (!text.trim()) return labels.json_empty;
    return at ? fmt(labels.json_unreadable_at, at) : labels.json_unreadable;
  }

  return { parseExact, numberText, typedNumber, creditCheck, corners, jsonProblem };
})();
