"""Languages: how a page's language is chosen, and catalogs that are complete and compiled."""

import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from api.web.i18n import LANGUAGES, TRANSLATIONS
from tests.web.conftest import Season

PUBLIC_PAGES = ("/w", "/w/ABCDEFGHJK", "/w/ABCDEFGHJK/thanks", "/participants")


def html_lang(client: FlaskClient, path: str, **headers: str) -> str:
    page = client.get(path, headers=headers).get_data(as_text=True)
    found = re.search(r'<html lang="([^"]+)">', page)
    assert found is not None
    return found.group(1)


def test_the_language_link_wins_and_is_remembered_in_a_cookie(client: FlaskClient) -> None:
    assert html_lang(client, "/w?lang=ht", **{"Accept-Language": "es"}) == "ht"
    assert html_lang(client, "/w", **{"Accept-Language": "es"}) == "ht"


def test_without_a_choice_the_browser_language_is_used_else_english(
    client: FlaskClient,
) -> None:
    assert html_lang(client, "/w", **{"Accept-Language": "es-MX,es;q=0.9"}) == "es"
    assert html_lang(client, "/w", **{"Accept-Language": "de"}) == "en"
    assert html_lang(client, "/w?lang=xx") == "en"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_links_to_each_language_of_itself(client: FlaskClient, path: str) -> None:
    page = client.get(path + "?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in page
    for code, name in LANGUAGES.items():
        assert f'hreflang="{code}"' in page and f">{name}</a>" in page
    assert f'href="{path}?lang=ht"' in page


def test_pages_speak_spanish_and_haitian_creole(client: FlaskClient) -> None:
    assert "Revise su prima" in client.get("/w?lang=es").get_data(as_text=True)
    assert "Tcheke prim ou" in client.get("/w?lang=ht").get_data(as_text=True)
    assert "Ki moun ki patisipe" in client.get("/participants?lang=ht").get_data(as_text=True)


def _catalog(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize("language", ["es", "ht"])
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    with _catalog(language).open("rb") as po:
        catalog = read_po(po)
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        template = read_po(pot)
    assert {m.id for m in template if m.id} == {m.id for m in catalog if m.id}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\(\w+\)s", ids[0]))
        assert all(strings), f"{language}: {ids[0]!r} is not translated"
        assert all(set(re.findall(r"%\(\w+\)s", s)) == wanted for s in strings), ids[0]
        assert not message.fuzzy


@pytest.mark.parametrize("language", ["es", "ht"])
def test_the_compiled_catalog_is_fresh(language: str, tmp_path: Path) -> None:
    with _catalog(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    fresh = tmp_path / "messages.mo"
    with fresh.open("wb") as mo:
        write_mo(mo, catalog)
    committed = _catalog(language).with_suffix(".mo")
    assert committed.read_bytes() == fresh.read_bytes(), "run `make translations`"


def test_dates_and_amounts_are_written_as_each_language_writes_them(
    client: FlaskClient, season: Season
) -> None:
    code = season.codes["1001"]
    pages = {
        lang: client.get(f"/w/{code}?lang={lang}").get_data(as_text=True) for lang in LANGUAGES
    }
    assert "Aug 14, 2026" in pages["en"] and "$20.00" in pages["en"]
    assert "14 ago 2026" in pages["es"] and "20,00\xa0US$" in pages["es"]
    assert "14 out 2026" in pages["ht"] and "US$\xa020,00" in pages["ht"]
