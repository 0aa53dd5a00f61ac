"""Page weight of every resident page on a first visit (empty cache).

Run: .venv/bin/python -m tests.bench.bench_pages

For each page: the HTML as served and everything it makes the browser fetch (stylesheets,
scripts, icons, images, fonts named in the CSS), each gzip-compressed at level 6 (what a
reverse proxy with compression typically sends; the app itself does not compress), and the
number of requests. ``data:`` URIs cost no request. Any URL of another host is a third-party
request and is counted and named. Budgets: HTML under 14 KB compressed (the first
round trip of TCP), everything under 30 KB, no fonts, no third-party requests, JavaScript
optional (the pages work without it) and small.
"""
from __future__ import annotations

import gzip
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.bench.common import Row, client_for, heading, sqlite_app

HTML_BUDGET = 14 * 1024
TOTAL_BUDGET = 30 * 1024
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Weight:
    name: str
    url: str
    status: int = 0
    html: int = 0  # bytes as served
    html_gz: int = 0
    assets_gz: int = 0
    js_gz: int = 0
    requests: int = 1
    fonts: int = 0
    third_party: list[str] = field(default_factory=list)

    @property
    def total_gz(self) -> int:
        return self.html_gz + self.assets_gz


def _resources(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(kind, url) of everything the page loads by itself (not links the person may follow)."""
    found = []
    for tag in soup.find_all("link", href=True):
        rel = {r.lower() for r in tag.get("rel", [])}
        if rel & {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}:
            found.append(("font" if tag.get("as") == "font" else "css" if "stylesheet" in rel else "other", tag["href"]))
    found += [("js", tag["src"]) for tag in soup.find_all("script", src=True)]
    found += [("img", tag["src"]) for tag in soup.find_all(["img", "source", "video", "audio", "iframe"], src=True)]
    return found


def _external(url: str) -> bool:
    return bool(urlsplit(url).netloc) or url.startswith("//")


def weigh(client, name: str, url: str) -> Weight:
    weight = Weight(name, url)
    response = client.get(url)
    weight.status = response.status_code
    body = response.get_data()
    weight.html, weight.html_gz = len(body), gz(body)
    seen: set[str] = set()
    queue = [(kind, urljoin(url, src)) for kind, src in _resources(BeautifulSoup(body, "html.parser"))]
    while queue:
        kind, src = queue.pop(0)
        if src.startswith("data:") or src in seen:
            continue
        seen.add(src)
        weight.requests += 1
        if _external(src):
            weight.third_party.append(src)
            continue
        asset = client.get(urlsplit(src).path)
        data = asset.get_data()
        size = gz(data)
        weight.assets_gz += size
        if kind == "js":
            weight.js_gz += size
        if kind == "css":
            text = data.decode("utf-8", "replace")
            weight.fonts += text.count("@font-face")
            queue += [("font" if (m.group(1) or "").split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))
                       else "other", urljoin(src, m.group(1) or m.group(2))) for m in _CSS_URL.finditer(text)]
        if kind == "font":
            weight.fonts += 1
    return weight


def pages(visit) -> list[tuple[str, str, str]]:
    """(name, url, whose session) of every resident page, in the order a resident meets them."""
    listed = [("start", "/", ""), ("sign-in", "/sign-in", ""), ("status look-up", "/status", ""),
              ("journey start", "/apply", "empty"), ("task list", f"/apply/{visit.draft_id}", "draft")]
    for url in dict.fromkeys(visit.step_urls):  # the household page comes back once per member added
        parts = url.split("?")[0].split("/")[3:]
        listed.append(("step " + "/".join(parts), url, "draft"))
    listed += [("check answers", visit.check_url, "draft"), ("confirmation", visit.confirmation_url, "sent"),
               ("my applications", "/my/applications", "sent"), ("status (timeline)", visit.status_url, "sent")]
    return listed


def measure(app, visit) -> list[Weight]:
    sids = {"": None, "empty": visit.empty_sid, "draft": visit.draft_sid, "sent": visit.sent_sid}
    clients = {key: client_for(app, sid) for key, sid in sids.items()}
    return [weigh(clients[who], name, url) for name, url, who in pages(visit)]


def report(weights: list[Weight]) -> list[Row]:
    heading("Page weight on a first visit (gzip -6)")
    print(f"{'page':38s} {'status':>6s} {'HTML':>8s} {'HTML gz':>8s} {'all gz':>8s} {'JS gz':>7s} {'req':>4s}")
    for w in weights:
        flag = "" if w.html_gz < HTML_BUDGET and w.total_gz < TOTAL_BUDGET else "  OVER BUDGET"
        print(f"{w.name[:38]:38s} {w.status:>6d} {w.html / 1024:7.1f}K {w.html_gz / 1024:7.1f}K "
              f"{w.total_gz / 1024:7.1f}K {w.js_gz / 1024:6.1f}K {w.requests:>4d}{flag}")
    broken = [w for w in weights if w.status != 200]
    for w in broken:
        print(f"  ! {w.name} ({w.url}) answered {w.status}")
    heaviest_html = max(weights, key=lambda w: w.html_gz)
    heaviest = max(weights, key=lambda w: w.total_gz)
    most = max(weights, key=lambda w: w.requests)
    third = sorted({u for w in weights for u in w.third_party})
    fonts = sum(w.fonts for w in weights)
    js = max(w.js_gz for w in weights)
    section = "Page weight"
    return [
        Row(section, f"pages measured ({len(weights)}, {len(broken)} not 200)", f"{len(weights)}", "all 200",
            not broken),
        Row(section, f"heaviest HTML gz ({heaviest_html.name})", f"{heaviest_html.html_gz / 1024:.1f} KB", "< 14 KB",
            heaviest_html.html_gz < HTML_BUDGET),
        Row(section, f"heaviest first visit gz ({heaviest.name})", f"{heaviest.total_gz / 1024:.1f} KB", "< 30 KB",
            heaviest.total_gz < TOTAL_BUDGET),
        Row(section, f"most requests ({most.name})", str(most.requests), "", None),
        Row(section, "largest JavaScript gz on a page", f"{js / 1024:.1f} KB", "optional, small", js < 5 * 1024),
        Row(section, "fonts / third-party requests", f"{fonts} / {len(third)}", "0 / 0", fonts == 0 and not third,
            ", ".join(third)),
    ]


def run(app=None, visit=None) -> list[Row]:
    if app is not None:
        return report(measure(app, visit))
    from tests.bench import journey

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        app = sqlite_app(Path(folder))
        return report(measure(app, journey.prepare(app)))


if __name__ == "__main__":
    for row in run():
        print(row)
