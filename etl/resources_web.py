"""Patterns and limits for fetching articles from the web (etl.fetch, etl.feeds, etl.stories).

Kept apart from etl/resources.py (article extraction): a change here never invalidates the
extraction cache (etl.pipeline.NOT_EXTRACTION).
"""
from __future__ import annotations

import re

USER_AGENT = "SahelDashboardBot/0.1 (+https://github.com/; tableau humanitaire Sahel, lecture seule)"

# Per page: the build's own limit for an HTML file (etl.reading.MAX_BYTES) and a wall-clock limit.
MAX_PAGE_BYTES = 5_000_000
MAX_FEED_BYTES = 10_000_000
CONNECT_TIMEOUT = 10.0     # seconds to connect / between two reads
TOTAL_TIMEOUT = 30.0       # seconds for a whole answer (headers and body)
MAX_REDIRECTS = 5
RETRIES = 2                # extra attempts after a transient failure (timeout, 5xx, reset)
BACKOFF = 1.0              # seconds before the first retry, doubled each time
SITE_DELAY = 2.0           # seconds between two requests to one site (robots.txt Crawl-delay wins if longer)
MAX_CRAWL_DELAY = 30.0
MAX_ITEMS_PER_FEED = 50    # new items fetched per feed and run (the rest next run)
MAX_SITEMAP_CHILDREN = 5   # sitemaps read from a sitemap index

# Tracking parameters dropped from every URL before it is compared or saved.
TRACKING_PARAM_RE = re.compile(
    r"^(?:utm_[a-z_]*|fbclid|gclid|gclsrc|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|"
    r"ref_src|ref_url|spm|at_medium|at_campaign|at_custom\d*|xtor|wt\.mc_id|cmpid|ocid|s_cid|"
    r"__twitter_impression|share|amp)$",
    re.I,
)
# <link rel="canonical" href="…"> and <meta property="og:url" content="…">, in either attribute order.
CANONICAL_LINK_RE = re.compile(
    r"<link\b(?=[^>]*\brel\s*=\s*[\"']?canonical[\"'\s>])[^>]*\bhref\s*=\s*[\"']([^\"'>]+)[\"']", re.I)
OG_URL_RE = re.compile(
    r"<meta\b(?=[^>]*\bproperty\s*=\s*[\"']og:url[\"'])[^>]*\bcontent\s*=\s*[\"']([^\"'>]+)[\"']", re.I)
CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Durations in feeds.toml and on the command line: 30m, 2h, 1d, 45s, 1h30m.
DURATION_RE = re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$", re.I)

# Near-duplicate texts (etl.stories): word shingles, sampled, compared by overlap.
SHINGLE_WORDS = 5
SHINGLE_SAMPLE = 4          # keep shingles whose hash is divisible by this (a quarter)
MIN_SHINGLES = 8            # shorter texts are never linked (too little to compare)
STORY_JACCARD = 0.5         # two texts sharing half of their shingles: one story
STORY_CONTAINMENT = 0.8     # or one text's shingles 80 % inside the other…
STORY_SIZE_RATIO = 0.5      # …when the shorter is at least half the longer
COMMON_SHINGLE_POSTINGS = 50  # a shingle found in more texts than this is boilerplate, not evidence
WORD_RE = re.compile(r"\w+", re.U)

# A feed is "silent" when no article came for longer than this many usual intervals.
SILENT_FACTOR = 2.0
MIN_ARRIVALS_FOR_INTERVAL = 3
