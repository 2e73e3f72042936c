"""Languages of the web pages: English, Spanish and Haitian Creole through Babel catalogs.

The page's language comes from `?lang=` (the language links), then the `lang` cookie
(set whenever `?lang=` picks a language, so the choice sticks), then the browser's
`Accept-Language`, and is English otherwise. Catalogs live in `api/web/translations`;
`make translations` extracts, updates and compiles them.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency
from flask import Flask, Response, request, url_for
from flask_babel import Babel, get_locale

LANGUAGES = {"en": "English", "es": "Español", "ht": "Kreyòl ayisyen"}
DEFAULT = "en"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"
#: CLDR has no Haitian Creole month names (it prints `2026 M10 19`): ours, as Haiti writes them.
HAITIAN_MONTHS = (
    "janvye", "fevriye", "mas", "avril", "me", "jen",
    "jiyè", "out", "septanm", "oktòb", "novanm", "desanm",
)  # fmt: skip


def chosen_language() -> str | None:
    """A supported language the request asks for with `?lang=`, if any."""
    asked = request.args.get("lang", "").strip().lower()
    return asked if asked in LANGUAGES else None


def select_locale() -> str:
    """The page's language: `?lang=`, then the cookie, then Accept-Language, then English."""
    cookie = request.cookies.get(COOKIE, "")
    if (asked := chosen_language()) is not None:
        return asked
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def page_language() -> str:
    """The language code of the page being rendered (for `<html lang>` and complaints)."""
    return str(get_locale() or DEFAULT)


def remember_language(response: Response) -> Response:
    """Keep a language picked with `?lang=` in a cookie for the next pages."""
    if (asked := chosen_language()) is not None:
        response.set_cookie(
            COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure
        )
    return response


def money(amount: Decimal, currency: str) -> str:
    """An amount in the page's language, e.g. `$40.71` or `40,71 US$`."""
    return format_currency(amount, currency, locale=page_language())


def rate(amount: Decimal, currency: str) -> str:
    """A rate per unit with every decimal it has (a cent and a half stays `$0.015`)."""
    return format_currency(amount, currency, locale=page_language(), decimal_quantization=False)


def day(value: date) -> str:
    """A date in words in the page's language: `Aug 14, 2026`, `14 ago 2026`, `14 out 2026`."""
    language = page_language()
    if language == "ht":
        return f"{value.day} {HAITIAN_MONTHS[value.month - 1]} {value.year}"
    return format_date(value, "medium", locale=language)


def language_links() -> list[dict[str, Any]]:
    """A link to the current page in each language (GET pages; else the start page)."""
    if request.method == "GET" and request.endpoint is not None:
        endpoint, values = request.endpoint, dict(request.view_args or {})
    else:
        endpoint, values = "worker_pages.lookup", {}
    values.update((k, v) for k, v in request.args.items() if k != "lang")
    current = page_language()
    return [
        {
            "code": code,
            "name": name,
            "url": url_for(endpoint, **{**values, "lang": code}),
            "current": code == current,
        }
        for code, name in LANGUAGES.items()
    ]


def init_app(app: Flask) -> None:
    """Set Babel up on the app, with the page-language helpers for templates."""
    Babel(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["rate"] = rate
    app.jinja_env.filters["day"] = day
    app.jinja_env.globals.update(page_language=page_language, language_links=language_links)
