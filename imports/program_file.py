"""The program file (DESIGN.md §3): TOML read exactly, checked, turned into a definition.

TOML floats are read as Decimal (`parse_float=Decimal`), so `retention_rate = 0.0765`
is the same exact number as `"0.0765"`. Every problem is reported at once, and an
unknown key anywhere is a problem that names it.
"""

import tomllib
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ledger.accounts import SEPARATOR
from ledger.errors import LedgerError
from ledger.money import currency as known_currency
from ledger.participants import ALLOCATION_BASES, STANDINGS
from ledger.program_setup import (
    CommodityDefinition,
    PartyDefinition,
    ProgramDefinition,
    RateDefinition,
)

_PROGRAM_KEYS = {"code", "name", "currency"}
_DAY_SETTINGS = ("payment_terms_days", "distribution_deadline_days", "confirmation_days")
_FRACTION_SETTINGS = ("retention_rate", "allocation_tolerance", "amount_tolerance")
_SECTIONS = {"program", "commodities", "rates", "buyers", "suppliers"}
_KEYS = {
    "commodities": {"code", "base_unit", "units"},
    "rates": {"commodity", "amount", "effective_from", "effective_to", "buyer"},
    "buyers": {"code", "name", "location"},
    "suppliers": {"code", "name", "location", "standing", "standing_since", "standing_reason"},
}


class ProgramFileError(LedgerError):
    """A program file that cannot be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("program file refused:\n  " + "\n  ".join(problems))


def read_program_file(data: bytes) -> ProgramDefinition:
    """The definition a program file describes, or ProgramFileError with every problem."""
    try:
        document = tomllib.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        raise ProgramFileError(["the file is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ProgramFileError([f"not valid TOML: {error}"]) from None
    checker = _Checker()
    definition = checker.definition(document)
    if checker.problems or definition is None:
        raise ProgramFileError(checker.problems)
    return definition


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def definition(self, document: Mapping[str, Any]) -> ProgramDefinition | None:
        self._unknown(document, _SECTIONS, "the file")
        program = document.get("program")
        if not isinstance(program, dict):
            self.problems.append("[program] is missing")
            return None
        settings_keys = set(_DAY_SETTINGS) | set(_FRACTION_SETTINGS) | {"allocation_basis"}
        self._unknown(program, _PROGRAM_KEYS | settings_keys, "[program]")
        commodities = tuple(self._each(document, "commodities", self._commodity))
        buyers = tuple(self._each(document, "buyers", self._buyer))
        suppliers = tuple(self._each(document, "suppliers", self._supplier))
        rates = tuple(self._each(document, "rates", self._rate))
        self._unique("commodities", [c.code for c in commodities])
        self._unique("buyers", [b.code for b in buyers])
        self._unique("suppliers", [s.code for s in suppliers])
        return ProgramDefinition(
            code=self._text(program, "code", "[program]"),
            name=self._text(program, "name", "[program]"),
            currency=self._currency(program),
            settings=self._settings(program),
            commodities=commodities,
            rates=rates,
            parties=buyers + suppliers,
        )

    def _unknown(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                self.problems.append(f"{where}: unknown key {key!r}")

    def _each(
        self, document: Mapping[str, Any], section: str, make: Callable[[dict[str, Any], str], Any]
    ) -> list[Any]:
        items = document.get(section, [])
        if not isinstance(items, list):
            self.problems.append(f"{section} must be an array of tables ([[{section}]])")
            return []
        made = []
        for number, item in enumerate(items, start=1):
            where = f"[[{section}]] #{number}"
            if not isinstance(item, dict):
                self.problems.append(f"{where} must be a table")
                continue
            self._unknown(item, _KEYS[section], where)
            made.append(make(item, where))
        return made

    def _text(self, table: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"{where}: {key} must be non-empty text")
            return ""
        return value.strip()

    def _code(self, table: Mapping[str, Any], key: str, where: str) -> str:
        code = self._text(table, key, where)
        if SEPARATOR in code:
            self.problems.append(f"{where}: {key} {code!r} cannot contain {SEPARATOR!r}")
        return code

    def _number(self, table: Mapping[str, Any], key: str, where: str, *, positive: bool) -> Decimal:
        value = table.get(key)
        try:
            if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
                raise InvalidOperation
            number = Decimal(value.strip() if isinstance(value, str) else value)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problems.append(f"{where}: {key} = {value!r} is not a number")
            return Decimal(0)
        if number < 0 or (positive and number == 0):
            self.problems.append(f"{where}: {key} = {value!r} must be {'>' if positive else '≥'} 0")
        return number

    def _date(
        self, table: Mapping[str, Any], key: str, where: str, required: bool = True
    ) -> date | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            self.problems.append(f"{where}: {key} must be a date such as 2026-01-01")
            return None
        return value

    def _currency(self, program: Mapping[str, Any]) -> str:
        code = self._text(program, "currency", "[program]")
        try:
            return known_currency(code).code if code else ""
        except LedgerError:
            self.problems.append(f"[program]: currency {code!r} is not an ISO 4217 code")
            return ""

    def _settings(self, program: Mapping[str, Any]) -> dict[str, object]:
        settings: dict[str, object] = {}
        for key in _DAY_SETTINGS:
            if key in program:
                value = program[key]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    self.problems.append(f"[program]: {key} = {value!r} must be a whole number ≥ 0")
                settings[key] = value
        for key in _FRACTION_SETTINGS:
            if key in program:
                settings[key] = self._number(program, key, "[program]", positive=False)
        if (
            "retention_rate" in program
            and self._number(program, "retention_rate", "", positive=False) > 1
        ):
            self.problems.append("[program]: retention_rate must be between 0 and 1")
        if "allocation_basis" in program:
            basis = program["allocation_basis"]
            if basis not in ALLOCATION_BASES:
                choices = ", ".join(ALLOCATION_BASES)
                self.problems.append(
                    f"[program]: allocation_basis {basis!r} must be one of {choices}"
                )
            settings["allocation_basis"] = basis
        return settings

    def _commodity(self, item: dict[str, Any], where: str) -> CommodityDefinition:
        units = item.get("units", {})
        if not isinstance(units, dict):
            self.problems.append(f"{where}: units must be a table such as {{ box = 25 }}")
            units = {}
        base_unit = self._text(item, "base_unit", where)
        factors = {
            name.strip(): self._number(units, name, f"{where} units", positive=True)
            for name in units
        }
        factors.setdefault(base_unit, Decimal(1))
        if base_unit and factors[base_unit] != 1:
            self.problems.append(f"{where}: the base unit {base_unit} must have factor 1")
        return CommodityDefinition(self._code(item, "code", where), base_unit, factors)

    def _rate(self, item: dict[str, Any], where: str) -> RateDefinition:
        start = self._date(item, "effective_from", where)
        end = self._date(item, "effective_to", where, required=False)
        if start and end and end < start:
            self.problems.append(f"{where}: effective_to {end} is before effective_from {start}")
        buyer = self._text(item, "buyer", where, required=False) or None
        return RateDefinition(
            commodity=self._text(item, "commodity", where),
            amount=self._number(item, "amount", where, positive=False),
            effective_from=start or date.min,
            effective_to=end,
            buyer=buyer,
        )

    def _buyer(self, item: dict[str, Any], where: str) -> PartyDefinition:
        return PartyDefinition(
            role="buyer",
            code=self._code(item, "code", where),
            name=self._text(item, "name", where),
            location=self._text(item, "location", where, required=False),
        )

    def _supplier(self, item: dict[str, Any], where: str) -> PartyDefinition:
        stated = item.get("standing")
        standing = "good" if stated is None else stated
        if standing not in STANDINGS:
            self.problems.append(
                f"{where}: standing {standing!r} must be one of {', '.join(STANDINGS)}"
            )
        since = self._date(item, "standing_since", where, required=standing != "good")
        return PartyDefinition(
            role="supplier",
            code=self._code(item, "code", where),
            name=self._text(item, "name", where),
            location=self._text(item, "location", where, required=False),
            # A file that says nothing of standing leaves the history as it is.
            standing=None if stated is None else standing if standing in STANDINGS else "good",
            standing_since=since,
            standing_reason=self._text(item, "standing_reason", where, required=False),
        )

    def _unique(self, section: str, codes: list[str]) -> None:
        seen: set[str] = set()
        for code in codes:
            key = code.casefold()
            if key in seen:
                self.problems.append(f"[[{section}]]: code {code!r} appears twice")
            seen.add(key)
