"""The page's own words: its chrome, Python's status line, embedding and the live cells
(English defaults; builder/labels collects every table)."""

PAGE = {
    # The page (templates/article.html, embed.html)
    "skip_to_article": "Skip to the article",
    "contents": "Contents",
    "dark_mode": "Dark mode",
    "python_progress": "Python start-up progress",
    "status_waiting_article": "The figures show their starting state; they come alive once Python "
                              "has loaded in your browser.",
    "status_waiting_embed": "This figure shows its starting state until Python has loaded in your "
                            "browser.",
    "footer_credits": "Set in Source Serif 4 ({font_licence}); formulas typeset by KaTeX "
                      "({katex_licence}); plots drawn with d3 ({d3_licence}); Python runs in your "
                      "browser through Pyodide (Mozilla Public License 2.0).",
    "font_licence": "SIL Open Font License 1.1",
    "katex_licence": "MIT licence",
    "d3_licence": "ISC licence",
    "embed_credit": "From {article}.",
    "preview_figure_from": "An interactive figure from “{article}”.",
    # Python's status line (static/js/app.js, boot.js, worker.mjs)
    "status_starting": "Starting Python in your browser…",
    "status_downloading": "Downloading Python (about {megabytes} MB)",
    "status_loading_module": "Loading the backprop module",
    "status_python_ready": "Python is ready",
    "status_unpacking": "Unpacking Python from this file",
    "status_running": "Python {version} is running in your browser",
    "status_live_none_on_page": "{running}.",
    "status_live_all": "{running}: the figures are live.",
    "status_live_none_one": "{running}, but this figure could not load, so it stays a still "
                            "picture.",
    "status_live_none_many": "{running}, but none of the {total} figures could load, so they stay "
                             "still pictures.",
    "status_live_some_one_lost": "{running}: {live} of {total} figures are live; one could not "
                                 "load and says so in its place.",
    "status_live_some_lost": "{running}: {live} of {total} figures are live; {lost} could not load "
                             "and say so in their place.",
    "status_restarting_progress": "{reason}. Restarting: {step}",
    "status_restarted": "{reason}, so it was restarted; your settings are kept. ",
    "status_restarting": "{reason}. Restarting it; every setting on the page is kept.",
    "status_failed": "The interactive figures are not live: {error}. Everything else on this page, "
                     "including each figure's starting state, reads as normal.",
    "python_stopped_answering": "Python stopped answering",
    "python_stopped": "Python stopped ({reason})",
    "worker_not_loaded": "the Python worker could not be loaded",
    "shared_python_ended": "the Python this figure shares with the site's other open pages ended",
    "status_file_page": "You opened this page as a file, so everything reads fine but the "
                        "interactive figures stay still: browsers do not run Python from file:// "
                        "pages. Serve the folder instead (for example: python3 -m http.server -d "
                        "site) and open it from there.",
    "status_no_webassembly": "This browser has no WebAssembly, so Python cannot run here: the text "
                             "and the starting figures are complete, but the figures will not "
                             "respond.",
    "status_no_app": "The page's script (app.js) did not load, so the figures stay still pictures "
                     "of their starting state; everything else on this page reads as normal. "
                     "Reloading the page may help.",
    "no_webassembly": "this browser has no WebAssembly",
    # Embedding (static/js/embed-code.js)
    "copy_embed_code": "Copy embed code",
    "embed_code_label": "Embed code for a course page",
    "copy_result": "copy result",
    "copied": "Copied to the clipboard.",
    "copy_refused": "Select the code above and copy it (the browser did not allow copying).",
    # Live cells (templates/cell.html, static/js/cells.js)
    "run": "Run",
    "reset": "Reset",
    "cell_number": " cell {cell}",
    "cell_output": "Output of cell {cell}",
    "cell_keys": "{modifier}+Enter runs the cell; Escape then Tab leaves the editor.",
    "cell_no_python": "Python is not running, so this cell cannot run.",
    "cell_no_editor": "The editor did not load: the code shows as text.",
    "cell_python_stopped": "Python stopped while this cell ran; run it again once Python is back.",
    "cell_ran_first": "Ran cell {numbers} first: cells run in order.",
    "cells_ran_first": "Ran cells {numbers} first: cells run in order.",
    "cell_too_long": "Cell {cell} ran longer than its limit of {seconds} s",
    "cell_failure": "Python could not run the cell ({failure}).",
    "cell_code": "Python code of cell {cell}",
    "cell_edit_kept": "Your edit, kept in this browser: the output below is the article's code's "
                      "until you run it.",
    "cell_running": "Running…",
}
