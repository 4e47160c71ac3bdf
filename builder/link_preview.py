"""Link previews: what a site or chat app shows for a shared link to the article or an embed page.

Open Graph tags (read by almost every site that shows a card for a link, Twitter's included) and
Twitter's card type, written by templates/_page_head.html from the config: the title, the
description (the subtitle when there is none) and, once ``site_url`` says where the site is
published, the page's canonical address and a picture (builder/preview_image.py). Those last
must be absolute addresses, so a build without ``site_url`` writes only the tags that need none:
its every link stays relative and the site works at any address.
"""

from backprop.views import header

from builder import preview_image


def link_preview(config, page="index.html", widget_title=None, published=True):
    """What the tags say for ``page`` (its path in the site); ``widget_title`` for an embed page.
    {"type", "title", "description", "url", "image"}: no url ("") and no image (None) without
    site_url, nor in a copy that is not ``published`` at it (the single file)."""
    about = config.description or config.subtitle
    if widget_title is None:
        kind, title, description = "article", config.title, about
    else:
        kind, title = "website", f"{widget_title} · {config.title}"
        description = " ".join(filter(None, [config.labels("preview_figure_from", article=config.title), about]))
    preview = {"type": kind, "title": title, "description": description, "url": "", "image": None}
    if config.site_url and published:
        preview["url"] = config.site_url + ("" if page == "index.html" else page)
        preview["image"] = {"url": config.site_url + preview_image.preview_path(),
                            "type": "image/png", "width": preview_image.WIDTH,
                            "height": preview_image.HEIGHT, "alt": header.title()}
    return preview
