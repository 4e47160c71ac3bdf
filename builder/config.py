"""The article's configuration (``content/article.toml``): one documented schema, checked strictly.

Every key has a type, a default (or is required) and a sentence saying what it does; an unknown key,
a wrong type or malformed TOML stops the build with the file and line.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from builder.errors import BuildError, line_of, read_source
from builder.labels import DEFAULTS as LABEL_DEFAULTS
from builder.labels import Labels, closest_key, labels_with
from builder.output import ALWAYS_KEPT, BUILD_NAMES


@dataclass(frozen=True)
class Key:
    kind: type
    doc: str
    default: object = None  # None means required
    item_kind: type | None = None  # for lists
    pattern: str | None = None  # what a str value must match, and what to say if not
    must: str = ""


# A language tag as browsers and screen readers take it: "en", "de-CH", "zh-Hant-TW".
LANGUAGE_TAG = r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*"
# The absolute address of a folder ('' for none): a host, maybe a path, no query, fragment or page.
SITE_URL = r"(https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s?#]*)?)?(?<!\.html)"


SCHEMA = {
    "title": Key(str, "The article's title, shown at the top and in the browser tab.",
                 pattern=r".*\S.*", must="must not be empty"),
    "subtitle": Key(str, "One line under the title.", default=""),
    "authors": Key(list, "Author names, in order.", default=[], item_kind=str),
    "description": Key(str, "A sentence for search engines and link previews.", default=""),
    "site_url": Key(str, "The address the site is published at, such as "
                         "'https://you.github.io/your-repo/': link previews' picture and canonical "
                         "address need it; '' writes only the tags that need no address.",
                    default="", pattern=SITE_URL,
                    must="must be the absolute http(s) address of the site's folder, such as "
                         "'https://you.github.io/your-repo/'"),
    "lang": Key(str, "The language of the article (an IETF tag such as 'en').", default="en",
                pattern=LANGUAGE_TAG, must="must be a language tag such as 'en' or 'de-CH'"),
    "sections": Key(list, "Section files in reading order, relative to the config file.",
                    item_kind=str),
    "glossary": Key(str, "Markdown file of glossary terms, relative to the config file; '' for none.",
                    default=""),
    "sanitize_html": Key(bool, "Clean everything the author writes, sections and glossary, with nh3 "
                               "and an allow-list (for untrusted authors); math, widgets and "
                               "glossary terms are never touched.", default=False),
    "python_snapshot": Key(bool, "Ship Python's memory right after start-up (6 MB gzipped), so the "
                                 "reader's Python is ready about 2 s sooner; false saves those bytes "
                                 "for readers on slow networks.", default=True),
    "cell_time_limit": Key(int, "Seconds a live Python cell may run, at build time and in the "
                                "reader's browser, before it is stopped.", default=10),
    "keep": Key(list, "Files or folders in the output folder, relative to it, that are not build "
                      "output but must survive every rebuild (a site verification file); CNAME "
                      "always does.", default=[], item_kind=str),
    "labels": Key(dict, "The interface's words in the article's language ('Contents', 'Play', the "
                        "status line...): a table of key = \"text\" overriding the English "
                        "defaults listed in builder/labels/.", default={}),
}


@dataclass(frozen=True)
class ArticleConfig:
    path: Path
    title: str
    subtitle: str
    authors: list
    description: str
    lang: str
    site_url: str = ""  # ends with "/" when set (builder/link_preview.py)
    sections: list = field(default_factory=list)  # absolute Paths
    glossary: Path | None = None
    sanitize_html: bool = False
    python_snapshot: bool = True
    cell_time_limit: int = 10  # seconds (builder/cells.py)
    keep: tuple = ()  # relative POSIX paths in the output folder, checked
    labels: Labels = field(default_factory=labels_with)  # the interface's words (builder/labels/)

    @property
    def content_dir(self):
        return self.path.parent


def load_config(path):
    path = Path(path)
    if not path.is_file():
        raise BuildError(path, None, "config file not found")
    text = read_source(path, "config")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+)", str(err))
        line = int(found.group(1)) if found else text.count("\n") + 1  # "at end of document"
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(err))
        raise BuildError(path, line, f"malformed TOML: {message}") from None

    values = {}
    for name, value in raw.items():
        if name not in SCHEMA:
            known = ", ".join(sorted(SCHEMA))
            raise BuildError(path, _key_line(text, name), f"unknown key '{name}' (known keys: {known})")
        values[name] = _checked(path, text, name, value)
    for name, key in SCHEMA.items():
        if name not in values:
            if key.default is None:
                raise BuildError(path, None, f"missing required key '{name}': {key.doc}")
            values[name] = key.default

    base = path.parent
    sections = []
    for name in values["sections"]:
        section = (base / name).resolve()
        if section.is_dir():  # "not found" would send the author looking for a missing file
            raise BuildError(path, _line_after(text, "sections", f'"{name}"'),
                             f"section '{name}' is a folder: list the Markdown files in it, "
                             "one by one, in reading order")
        if not section.is_file():
            raise BuildError(path, line_of(text, f'"{name}"'), f"section file '{name}' not found")
        if section in sections:  # its ids and footnotes would clash, and readers read it twice
            line = text.count("\n", 0, text.rfind(f'"{name}"')) + 1
            raise BuildError(path, line, f"section file '{name}' is listed twice")
        sections.append(section)
    if not sections:
        raise BuildError(path, _key_line(text, "sections"), "'sections' lists no files")
    glossary = None
    if values["glossary"]:
        glossary = (base / values["glossary"]).resolve()
        if glossary.is_dir():
            raise BuildError(path, _key_line(text, "glossary"),
                             f"glossary '{values['glossary']}' is a folder, not a Markdown file")
        if not glossary.is_file():
            raise BuildError(path, _key_line(text, "glossary"),
                             f"glossary file '{values['glossary']}' not found")
    return ArticleConfig(path=path.resolve(), title=values["title"], subtitle=values["subtitle"],
                         authors=values["authors"], description=values["description"],
                         lang=values["lang"], sections=sections,
                         site_url=_folder(values["site_url"]), glossary=glossary,
                         sanitize_html=values["sanitize_html"],
                         python_snapshot=values["python_snapshot"],
                         cell_time_limit=values["cell_time_limit"],
                         keep=_kept_paths(path, text, values["keep"]),
                         labels=_checked_labels(path, text, values["labels"]))


def _checked(path, text, name, value):
    key = SCHEMA[name]
    if not isinstance(value, key.kind):
        raise BuildError(path, _key_line(text, name),
                         f"'{name}' must be a {key.kind.__name__}, not {type(value).__name__}")
    if key.item_kind and not all(isinstance(item, key.item_kind) for item in value):
        raise BuildError(path, _key_line(text, name),
                         f"every item of '{name}' must be a {key.item_kind.__name__}")
    if key.kind is int and (isinstance(value, bool) or value < 1):
        raise BuildError(path, _key_line(text, name), f"'{name}' must be a whole number of at "
                                                      f"least 1, not {value!r}")
    if key.pattern and not re.fullmatch(key.pattern, value, re.S):
        # An empty title or a made-up language would reach the page as an empty <h1> and a
        # lang attribute that screen readers cannot use.
        raise BuildError(path, _key_line(text, name), f"'{name}' {key.must}, not {value!r}")
    return value


def _checked_labels(path, text, overrides):
    """The build's labels; a misspelt key would leave its English text on the page unnoticed."""
    for name, value in overrides.items():
        line = _label_line(text, name)
        if name not in LABEL_DEFAULTS:
            near = closest_key(name)
            hint = f"did you mean '{near}'? " if near else ""
            raise BuildError(path, line, f"unknown label '{name}' in [labels] ({hint}every key is "
                                         "listed in builder/labels/)")
        if not isinstance(value, str):
            raise BuildError(path, line, f"label '{name}' must be a string, "
                                         f"not {type(value).__name__}")
    return labels_with(overrides)


def _label_line(text, name):
    """The line of ``name`` under ``[labels]`` (or of ``labels.name`` or ``labels = {...}``)."""
    table = re.search(r"^\s*\[\s*labels\s*\]", text, re.MULTILINE)
    if table:
        found = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=", re.MULTILINE).search(text, table.end())
        if found:
            return text.count("\n", 0, found.start()) + 1
    found = re.search(rf"^\s*labels\s*\.\s*{re.escape(name)}\s*=", text, re.MULTILINE)
    if found:
        return text.count("\n", 0, found.start()) + 1
    return _line_after(text, "labels", name)


def _folder(address):
    """A folder's address ends with "/": a page's address is the folder's plus its path."""
    return address if not address or address.endswith("/") else address + "/"


def _kept_paths(path, text, names):
    """'keep' entries as relative POSIX paths; one that leaves the folder or names build output
    would make the build copy from elsewhere or lose its own file."""
    kept = []
    for name in names:
        parts = [part for part in PurePosixPath(name).parts if part != "."]
        line = _line_after(text, "keep", f'"{name}"')
        if not parts or PurePosixPath(name).is_absolute() or ".." in parts or "\\" in name:
            raise BuildError(path, line, f"'keep' entry {name!r} must be a path inside the output "
                                         "folder, such as 'google1234.html' or 'extra/notes.txt'")
        if parts[0] in BUILD_NAMES and parts[0] not in ALWAYS_KEPT:
            raise BuildError(path, line, f"'keep' entry {name!r} is build output: the build "
                                         f"writes '{parts[0]}' itself")
        kept.append("/".join(parts))
    return tuple(kept)


def _line_after(text, key, needle):
    """The line of ``needle`` in the value of ``key`` (the key's own line if not found there)."""
    found = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    start = found.start() if found else 0
    at = text.find(needle, start)
    return text.count("\n", 0, at if at >= 0 else start) + 1


def _key_line(text, name):
    found = re.search(rf"^\s*{re.escape(name)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None
