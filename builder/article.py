"""The article's parts, rendered for a page: its sections, contents, glossary and widgets.

The build (builder/pipeline.py) renders them once for the site; the single file renders them
again with images inside the page (builder/single_file.py).
"""

from dataclasses import dataclass

from builder.cells import LiveCells
from builder.glossary import load_glossary
from builder.render import SectionRenderer, table_of_contents
from builder.widgets import Catalogue, WidgetRenderer


@dataclass
class Article:
    sections: list  # builder.render.RenderedSection, in page order
    toc: list
    glossary: object  # builder.glossary.Glossary, or None
    widgets: WidgetRenderer  # the widgets placed, the embed pages they need, the catalogue
    media: object  # builder.markdown_ext.images.MediaFiles: the images' addresses

    def page_context(self):
        """What templates/article.html takes from the article itself."""
        return dict(sections=self.sections, toc=self.toc, glossary=self.glossary)


def render_article(config, katex, env, media=None):
    """Every part of the article of ``config`` (builder.config), rendered with the KaTeX engine
    ``katex`` and the Jinja environment ``env``; ``media`` as for SectionRenderer."""
    widgets = WidgetRenderer(env, Catalogue.for_article(config))
    glossary = (load_glossary(config.glossary, katex, sanitize_html=config.sanitize_html)
                if config.glossary else None)
    cells = LiveCells(env, config.cell_time_limit, allowed=not config.sanitize_html)
    renderer = SectionRenderer(katex, widgets, glossary, sanitize_html=config.sanitize_html,
                               content_dir=config.content_dir, media=media, cells=cells)
    try:
        sections = [renderer.render(path) for path in config.sections]
    finally:
        cells.close()  # the Python that ran the cells, if any did
    toc = table_of_contents(sections)
    if glossary:
        toc.append(glossary.toc_entry())
    return Article(sections, toc, glossary, widgets, renderer.media)
