// Only on embed pages (embed/<widget>.html, inside an instructor's iframe).
// 1. Options in the address set the widget's settings of the same name (?x=50 sets the control
//    data-role="x"), read with the widget's settings table, which the build writes into the page
//    (#address-settings, from backprop/settings.py): the rows the directive's check reads, with
//    the names an address once used. Anything else is left as it is, with a notice naming it.
// 2. The page tells its parent how tall it is, in our format and as Canvas/LMS's lti.frameResize.

import { label } from "./labels.js";

export function applyAddressOptions(root) {
  const table = document.getElementById("address-settings");
  const rows = table ? JSON.parse(table.textContent) : [];
  const ignored = [];
  const refused = [];
  for (const [key, text] of new URLSearchParams(location.search)) {
    const row = rows.find((r) => r.name === key || r.old_names.includes(key));
    const control = row && root.querySelector(`[data-role="${row.name}"]`);
    if (!control || !["INPUT", "SELECT"].includes(control.tagName)) {
      ignored.push(key);
      continue;
    }
    const value = allowedValue(row, control, text);
    if (value === null) refused.push(`${key}=${text} (${row.allowed})`);
    else if (row.kind === "bool") control.checked = value === "true";
    else control.value = value;
  }
  const notes = [];
  if (ignored.length) notes.push(label("address_options_ignored", { options: ignored.join(", ") }));
  if (refused.length) {
    notes.push(label("address_values_refused", { values: refused.join("; ") }));
  }
  if (notes.length) {
    const note = document.createElement("p");
    note.className = "embed-notice";
    note.setAttribute("role", "note");
    note.textContent = notes.join(" ");
    root.after(note);
  }
}

/** The control's value for an address's `text` if the setting's row allows it, else null: a
 * number within the row's bounds (whole for "int"), and one of its choices if it has any (a
 * menu left blank would be worse than its default). */
function allowedValue(row, control, text) {
  if (row.kind === "bool") { // the words the directive reads (backprop/settings.py)
    const word = text.toLowerCase();
    if (["true", "yes", "1"].includes(word)) return "true";
    return ["false", "no", "0"].includes(word) ? "false" : null;
  }
  const numeric = row.kind === "int" || row.kind === "float";
  const number = Number(text);
  if (numeric) {
    if (text.trim() === "" || !Number.isFinite(number)) return null;
    if (row.kind === "int" && !Number.isInteger(number)) return null;
    if (number < (row.low ?? -Infinity) || number > (row.high ?? Infinity)) return null;
    if (row.above !== undefined && !(number > row.above)) return null;
  }
  if (!row.choices) return text;
  const same = (value) => (numeric ? Number(value) === number : String(value) === text);
  if (!row.choices.some(same)) return null;
  if (control.tagName !== "SELECT") return text;
  const option = [...control.options].find((o) => same(o.value));
  return option ? option.value : null;
}

export function reportHeight() {
  if (window.parent === window) return;
  let last = 0;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // The parent is on another site, unknown to us: the message holds nothing but a height.
    window.parent.postMessage({ type: "backprop-explainer:resize", height }, "*");
    window.parent.postMessage(JSON.stringify({ subject: "lti.frameResize", height }), "*");
  };
  new ResizeObserver(send).observe(document.documentElement);
  send();
}
