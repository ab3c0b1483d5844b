"""Gate: no broken internal link or anchor anywhere in the built site.

A small crawler of our own over the built HTML: every href and src that stays on the
site must name a file that exists and, with a #fragment, an id in that page. Links to
other sites are listed (printed with -s) but not followed: the tests run offline.
"""

from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

SITE = "http://site.invalid/"


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            value = attrs.get(key)
            if value and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append((tag, key, value))


def parse(path):
    page = Page()
    page.feed(path.read_text(errors="replace"))
    return page


def target_file(site_dir, url):
    path = unquote(urlsplit(url).path)
    file = site_dir / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file


def test_no_broken_internal_links_or_anchors(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    broken, external, checked = [], set(), 0
    for page, info in parsed.items():
        base = SITE + page.relative_to(site_dir).as_posix()
        for tag, attribute, value in info.links:
            if value.startswith(("mailto:", "data:", "blob:", "javascript:")):
                continue
            absolute = urljoin(base, value)
            if not absolute.startswith(SITE):
                external.add(absolute)
                continue
            checked += 1
            url, fragment = urldefrag(absolute)
            file = target_file(site_dir, url)
            if not file.exists():
                broken.append(
                    f"{page.relative_to(site_dir)}: {tag} {attribute}={value} → missing {file.relative_to(site_dir)}"
                )
                continue
            if fragment and file.suffix == ".html":
                target = parsed.get(file) or parse(file)
                if unquote(fragment) not in target.ids:
                    broken.append(
                        f"{page.relative_to(site_dir)}: {value} → no #{fragment} in {file.relative_to(site_dir)}"
                    )
    print(
        f"\n{len(pages)} pages, {checked} internal links checked, {len(external)} external links (not followed):"
    )
    for url in sorted(external):
        print("  ", url)
    assert checked > 0
    assert not broken, "\n".join(broken)


def test_no_page_links_to_http_when_https_exists(site_dir):
    """External links, if any, use https (the reader's browser follows them, not the tests)."""
    for page in site_dir.rglob("*.html"):
        for _, _, value in parse(page).links:
            if value.startswith("http://") and "127.0.0.1" not in value:
                raise AssertionError(f"{page}: plain-http link {value}")
