// In the article: a "Copy embed code" control under each widget, giving an instructor the
// <iframe> for the widget's embed page (plus the optional resizing script). The code is made when
// the button is pressed, so it shows the widget as it stands: the article's options (its own
// embed page, data-embed) and every setting the instructor has changed since.

import { label } from "./labels.js";

export function addEmbedCodeControls() {
  for (const root of document.querySelectorAll("figure[data-widget]")) {
    const box = document.createElement("div");
    box.className = "embed-code";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label("copy_embed_code");
    button.setAttribute("aria-expanded", "false");
    const panel = document.createElement("div");
    panel.hidden = true;
    const caption = document.createElement("label");
    const id = `${root.id}-embed-code`;
    caption.htmlFor = id;
    caption.textContent = label("embed_code_label");
    const code = document.createElement("textarea");
    code.id = id;
    code.readOnly = true;
    code.rows = 3;
    const said = document.createElement("output");
    said.setAttribute("aria-label", label("copy_result"));
    panel.append(caption, code, said);
    box.append(button, panel);
    root.append(box);

    button.addEventListener("click", async () => {
      const snippet = embedSnippet(root);
      code.value = snippet;
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      code.select();
      try {
        await navigator.clipboard.writeText(snippet);
        said.textContent = label("copied");
      } catch (err) {
        said.textContent = label("copy_refused");
      }
    });
  }
}

function embedSnippet(root) {
  const name = root.dataset.widget;
  const page = embedAddress(root);
  const host = new URL("embed/host.js", document.baseURI).href;
  const title = `${name.replace(/-/g, " ")} (interactive figure)`;
  return `<div style="container-type:inline-size"><iframe src="${attribute(page)}" ` +
    `title="${attribute(title)}" ${sizeAttributes(name)} loading="lazy"></iframe></div>\n` +
    `<script src="${attribute(host)}"></script>`;
}

/** The iframe's size for a course site that strips the snippet's <script> (host.js), in layers
 * each a stricter host still keeps (builder/embed_heights.py): width and height attributes; a
 * plain height first in the style; then the widget's measured height as a function of the
 * wrapper's width (100cqw), which a browser without container units ignores. */
function sizeAttributes(name) {
  const table = document.getElementById("embed-heights");
  const heights = table ? JSON.parse(table.textContent) : { widgets: {}, unmeasured: 480 };
  const measured = heights.widgets[name];
  const plain = measured ? measured.height : heights.unmeasured;
  const style = `display:block;width:100%;border:0;height:${plain}px` +
    (measured ? `;height:${measured.css}` : "");
  return `width="100%" height="${plain}" style="${attribute(style)}"`;
}

/** Text quoted for an HTML attribute (an address with several options holds "&"). */
function attribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The embed page's address with the widget's changed settings: ?role=value for each control the
 * embed page can set (static/js/embed.js), or the network tool's own #key=… part. */
export function embedAddress(root) {
  const page = new URL(root.dataset.embed || `embed/${root.dataset.widget}.html`, document.baseURI);
  const key = root.dataset.addressKey;
  if (key) { // the tool keeps all its settings in the address and reads them from there
    const own = location.hash.slice(1).split("&").find((part) => part.startsWith(`${key}=`));
    if (own) page.hash = own;
    return page.href;
  }
  const controls = [...root.querySelectorAll("input[data-role], select[data-role]")];
  const roles = controls.map((control) => control.dataset.role);
  for (const control of controls) {
    const role = control.dataset.role;
    if (roles.indexOf(role) !== roles.lastIndexOf(role)) continue; // shared roles: not addressable
    if (control.value !== initialValue(control)) page.searchParams.set(role, control.value);
  }
  return page.href;
}

function initialValue(control) {
  if (control.tagName !== "SELECT") return control.defaultValue;
  const chosen = [...control.options].find((option) => option.defaultSelected) ?? control.options[0];
  return chosen ? chosen.value : "";
}
