// Only on embed pages (embed/<widget>.html, inside an instructor's iframe).
// 1. Options in the address set the widget's controls of the same name (?x=50 sets data-role="x").
// 2. The page tells its parent how tall it is, in our format and as Canvas/LMS's lti.frameResize.

export function applyAddressOptions(root) {
  const ignored = [];
  const refused = [];
  for (const [key, value] of new URLSearchParams(location.search)) {
    const control = /^[a-z][a-z0-9-]*$/.test(key) && root.querySelector(`[data-role="${key}"]`);
    if (!control || !["INPUT", "SELECT"].includes(control.tagName)) {
      ignored.push(key);
    } else if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) {
      refused.push(`${key}=${value}`); // a menu left blank would be worse than its default
    } else {
      control.value = value; // the browser clamps ranges and rejects non-numbers itself
    }
  }
  const notes = [];
  if (ignored.length) notes.push(`Ignored address options this figure does not have: ${ignored.join(", ")}.`);
  if (refused.length) notes.push(`Ignored values that are not among the choices: ${refused.join(", ")}.`);
  if (notes.length) {
    const note = document.createElement("p");
    note.className = "embed-notice";
    note.setAttribute("role", "note");
    note.textContent = notes.join(" ");
    root.after(note);
  }
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
