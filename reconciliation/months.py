"""Calendar months as reconciliation periods: a month is reported as of its last day."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTH_TEXT = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """One calendar month, written `YYYY-MM`."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")

    @classmethod
    def parse(cls, text: str) -> "Month":
        """The month written as `YYYY-MM`."""
        found = _MONTH_TEXT.fullmatch(text.strip())
        if found is None:
            raise ValueError(f"month {text!r} is not written as YYYY-MM")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        """The month that contains `day`."""
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        """The month's first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The month's last day: the as-of date of its reconciliation."""
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def contains(self, day: dt.date) -> bool:
        """Whether `day` falls in this month."""
        return day.month == self.month and day.year == self.year

    def previous(self) -> "Month":
        """The month before this one."""
        return Month.of(self.first_day - dt.timedelta(days=1))
