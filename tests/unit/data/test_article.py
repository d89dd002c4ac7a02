"""Reading an article for ingest: text kept byte for byte, HTML extracted offline, bad input
refused in one line naming the file."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from lib.data.ingest.article import (
    ArticleError,
    check_seed_name,
    make_slug,
    propose_seed_name,
    propose_source_id,
    read_article,
)

TEXT = "SYNTHETIC TEST ARTICLE.\n\nNIAMEY, Niger (AP) — About 700 U.S. troops remain, it said.\n"
PAGE = """<html><head><title>Base handed over</title>
<meta property="article:published_time" content="2024-08-05T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Base handed over</h1>
<p>NIAMEY, Niger (AP) — The United States handed over Air Base 201 on Monday, officials said,
in a ceremony attended by officers of both armies and a small group of reporters.</p>
<p>About 700 troops were still in the country, a spokesperson said. It was “orderly”.</p>
</article><footer>Copyright notice</footer></body></html>"""


def test_a_text_article_is_stored_byte_for_byte(tmp_path):
    path = tmp_path / "story.txt"
    raw = TEXT.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(raw)
    article = read_article(path, "2024-08-06")
    assert article.seed_bytes == raw
    assert article.text == raw.decode("utf-8")
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert article.publication == (date(2024, 8, 6), date(2024, 8, 6))
    assert article.html_sha256 is None
    assert "Given at ingest" in article.publication_basis


def test_a_saved_page_yields_its_main_text_its_hash_and_its_date_from_metadata(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path, None)
    assert article.html_sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert "handed over Air Base 201 on Monday" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.seed_bytes == article.text.encode("utf-8")
    assert article.publication.low == date(2024, 8, 5)
    assert article.publication_basis.startswith("From the page's metadata")


@pytest.mark.parametrize(
    ("content", "published", "message"),
    [
        (b"", "2024-08-06", "the file is empty"),
        (b"   \n\t\n", "2024-08-06", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "2024-08-06", "binary file"),
        (
            "Caf\u00e9 au lait".encode("latin-1"),
            "2024-08-06",
            "not valid UTF-8 (byte 0xe9 at offset 3",
        ),
        (TEXT.encode(), "2024-13-01", "'2024-13-01' is not a date"),
        (TEXT.encode(), "5 August", "'5 August' is not a date"),
        (TEXT.encode(), None, "no publication date"),
    ],
)
def test_bad_input_is_refused_in_one_line_naming_the_file(tmp_path, content, published, message):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=re.escape(message)) as raised:
        read_article(path, published)
    assert str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_seed_name_that_exists_with_other_content_is_refused(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(path, "2024-08-06")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    name = propose_seed_name("ap-x", article.sha256)
    (seeds / name).write_text("other", encoding="utf-8")
    with pytest.raises(ArticleError, match="already exists"):
        check_seed_name(seeds, name, article)
    (seeds / name).write_bytes(article.seed_bytes)
    check_seed_name(seeds, name, article)  # the same content is the same seed: no refusal


def test_ids_are_readable_and_follow_the_content(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(path, "2024-08-06")
    source_id = propose_source_id("The Associated Press", article)
    assert source_id == f"the-associated-press-2024-08-06-{article.sha256[:6]}"
    assert make_slug("Reuters / AFP!") == "reuters-afp"
    assert make_slug("«»") == "source"
