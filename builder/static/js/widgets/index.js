// Widget name -> its script, loaded on demand: "chain-rule" is ./chain-rule.js. Each module exports
// mount(root, python) -> {activate(), deactivate(reason)}. Nothing to register by hand. A widget
// too big for one module keeps its parts in a folder of its name (network-tool/) and its entry
// here all the same, so this one rule finds every widget; shared helpers live in lib/.
// Each widget loads on its own: one that cannot (its script stops with an error, or d3 is
// missing) says so in its own figure and stays a still picture, while the others go live.

import { label } from "../labels.js";

export async function loadWidget(name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad widget name ${name}`);
  return import(`./${name}.js`);
}

/** The widget on `root`, loaded and mounted, or null when it could not be (then it says why). */
export async function mountWidget(root, python) {
  const name = root.dataset.widget;
  try {
    // Every widget's script is in the site's one bundle (builder/script_bundle.py), but each is
    // run only when its widget is first loaded: one that throws as it runs fails here, alone.
    const module = await loadWidget(name);
    return module.mount(root, python);
  } catch (err) {
    return failed(root, err, mountFailure(err));
  }
}

/** Bring a mounted widget alive; false (and the figure says why) if its script fails at it. */
export function activateWidget(root, widget) {
  try {
    widget.activate();
    return true;
  } catch (err) {
    failed(root, err, mountFailure(err));
    return false;
  }
}

function mountFailure(err) {
  // d3 arrives as a classic script before the widgets; every widget that draws with it uses it
  // as soon as it mounts, so a d3 that did not load shows here, in just those widgets.
  if (err instanceof ReferenceError && typeof globalThis.d3 === "undefined" && /\bd3\b/.test(err.message)) {
    return label("widget_no_d3");
  }
  return label("widget_script_error");
}

function failed(root, err, why) {
  console.error(`The ${root.dataset.widget} figure is not live:`, err);
  root.dataset.live = "false";
  root.dataset.failed = "true";
  for (const control of root.querySelectorAll("[data-needs-python]")) control.disabled = true;
  let notice = root.querySelector(":scope > .widget-failure");
  if (!notice) {
    notice = document.createElement("p");
    notice.className = "widget-failure";
    notice.setAttribute("role", "status");
    root.prepend(notice);
  }
  notice.textContent = label("widget_failed", { why });
  const liveNote = root.querySelector('[data-role="live-note"]');
  if (liveNote) liveNote.textContent = label("widget_not_live");
  return null;
}
