// The live cells' code editor: CodeMirror 6 set up for a short Python cell. builder/editor.py
// bundles this file with the CodeMirror packages it imports (pinned in package.json) into one
// module with no imports, js/editor.js among our assets, which static/js/cells.js loads once the
// page has a cell.
//
// Each editor lives in a shadow root of its own: CodeMirror styles itself with generated style
// rules, which it adds as a <style> element to a document (refused by the page's policy,
// style-src 'self') but as a constructed style sheet to a shadow root (not markup, so allowed).
// Its colours are the page's custom properties (--panel, --weight, ...), which reach inside, so
// the editor follows the page's light and dark themes.

import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

const colours = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword], color: "var(--weight)", fontWeight: "600" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--ok)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--bias)" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: "var(--loss)" },
]);

const look = EditorView.theme({
  "&": { backgroundColor: "var(--panel)", color: "var(--text)", fontSize: ".9rem" },
  "&.cm-focused": { outline: "3px solid var(--accent)", outlineOffset: "-3px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.45" },
  ".cm-content": { padding: ".75rem 0", caretColor: "var(--text)" },
  ".cm-gutters": { backgroundColor: "var(--panel)", color: "var(--muted)", borderRight: "1px solid var(--rule)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 8%, transparent)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "color-mix(in srgb, var(--accent) 28%, transparent)" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
  ".cm-matchingBracket, &.cm-focused .cm-matchingBracket": { outline: "1px solid var(--muted)", backgroundColor: "transparent" },
});

/**
 * An editor in `host` (which gets a shadow root) holding `doc`. `label` is its accessible name;
 * `onRun()` is called for Ctrl+Enter (Cmd+Enter on a Mac), `onChange(text)` after each edit.
 * Tab indents; Escape then Tab leaves the editor, as in every CodeMirror editor that takes Tab.
 */
export function createEditor({ host, doc, label, onRun, onChange }) {
  const shadow = host.attachShadow({ mode: "open" });
  const run = () => {
    onRun();
    return true;
  };
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), indentOnInput(),
        bracketMatching(), indentUnit.of("    "), python(), syntaxHighlighting(colours), look,
        EditorView.lineWrapping, // as the article's code blocks: the page never scrolls sideways
        keymap.of([{ key: "Mod-Enter", run }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-keyshortcuts": "Control+Enter Meta+Enter" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
  };
}
