// In the article: a "Copy embed code" control under each widget, giving an instructor the
// <iframe> for the widget's embed page (plus the optional resizing script).

export function addEmbedCodeControls() {
  for (const root of document.querySelectorAll("figure[data-widget]")) {
    const name = root.dataset.widget;
    const page = new URL(`embed/${name}.html`, document.baseURI).href;
    const host = new URL("embed/host.js", document.baseURI).href;
    const title = `${name.replace(/-/g, " ")} (interactive figure)`;
    const snippet = `<iframe src="${page}" title="${title}" style="width:100%;border:0;height:480px" loading="lazy"></iframe>\n<script src="${host}"></script>`;

    const box = document.createElement("div");
    box.className = "embed-code";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy embed code";
    button.setAttribute("aria-expanded", "false");
    const panel = document.createElement("div");
    panel.hidden = true;
    const label = document.createElement("label");
    const id = `${root.id}-embed-code`;
    label.htmlFor = id;
    label.textContent = "Embed code for a course page";
    const code = document.createElement("textarea");
    code.id = id;
    code.readOnly = true;
    code.rows = 3;
    code.value = snippet;
    const said = document.createElement("output");
    said.setAttribute("aria-label", "copy result");
    panel.append(label, code, said);
    box.append(button, panel);
    root.append(box);

    button.addEventListener("click", async () => {
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      code.select();
      try {
        await navigator.clipboard.writeText(snippet);
        said.textContent = "Copied to the clipboard.";
      } catch (err) {
        said.textContent = "Select the code above and copy it (the browser did not allow copying).";
      }
    });
  }
}
