/* The values the registration wizard reads and checks, apart from its pages and steps (wizard.js):
   numbers with every digit they were written with, the credit code's check character, and the
   known codes nearest an unknown one. */
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
  /* The code as the server reads it (registry/domain/credit_code.normalize_credit_code): full-width
     characters folded (NFKC), hyphens and white space dropped (Python's, not \s: U+FEFF is none),
     upper case. Judged as typed, 9131-0115-… and ９１３１… were flagged though the server took them. */
  const HYPHENS = /[-\u2010\u2011\u2012\u2013\u2212]/g;
  const SPACES = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
  const creditNormal = (code) => code.normalize("NFKC").replace(HYPHENS, "").replace(SPACES, "").toUpperCase();
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

  /* The codes nearest a value typed where a known one was wanted (an unknown energy), nearest first,
     at most ``limit``: the server's rule (registry/domain/nearest.py), so both suggest alike. ``names``:
     code → the names it is known by (its code, its name in the page's language). */
  const folded = (text) => text.trim().toLowerCase().replace(/[\s\-_/()（）]+/g, "_").replace(/^_+|_+$/g, "");
  function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }
  const words = (text) => new Set(text.match(/[a-z]{3,}/g) || []);
  function closeness(typed, name) {  // [tier, characters apart], or null when not near
    const distance = editDistance(typed, name);
    const part = Math.min(typed.length, name.length) >= 2 && (name.includes(typed) || typed.includes(name));
    if (distance <= Math.max(1, Math.floor(name.length / 4)) || part) return [0, distance];
    const shared = [...words(typed)].some((word) => words(name).has(word));
    return shared ? [1, distance] : null;
  }
  function nearestCodes(value, names, limit = 3) {
    const typed = folded(String(value).slice(0, 40));
    if (!typed) return [];
    const ranked = [];
    Object.entries(names).forEach(([code, knownAs], order) => {
      const close = knownAs.map((name) => closeness(typed, folded(name))).filter(Boolean)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      if (close.length) ranked.push([close[0][0], close[0][1], order, code]);
    });
    ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return ranked.filter((r) => r[0] === ranked[0][0]).slice(0, limit).map((r) => r[3]);  // the best tier only
  }

  return { parseExact, numberText, typedNumber, creditNormal, creditCheck, corners, jsonProblem, nearestCodes };
})();
