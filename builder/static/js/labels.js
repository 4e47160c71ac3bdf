// The interface's words in the article's language: the table builder/labels/ writes into every
// page as <script type="application/json" id="labels"> (the CSP allows no inline script code).
// label("run_cell", {cell: 3}) fills each {name} placeholder, the same rule as labels.fill().

let table = null;

function labels() {
  if (table === null) {
    const element = document.getElementById("labels");
    table = element ? JSON.parse(element.textContent) : {};
  }
  return table;
}

export function label(key, values = {}) {
  const text = labels()[key];
  if (text === undefined) {
    console.error(`No label '${key}' (builder/labels/)`);
    return key;
  }
  return text.replace(/\{([a-z_][a-z_0-9]*)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
