"""When the scheduler's jobs fire, what each run closes, and which runs a start catches up."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from api.config import ConfigurationError, SchedulerSettings, scheduler_settings
from api.scheduling.jobs import MONTH_CLOSE, OVERDUE_CHECK, UnknownJob, job_by_id
from api.scheduling.process import catch_up_time

UTC = dt.UTC
SETTINGS = SchedulerSettings(month_close_day=5, month_close_hour=6, overdue_check_hour=7)


def at(text: str, zone: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


def test_the_month_close_fired_last_on_the_close_day_of_this_month_or_the_last() -> None:
    close = job_by_id(SETTINGS, MONTH_CLOSE)
    assert close.last_fire_time(at("2026-12-20 10:00")) == at("2026-12-05 06:00")
    assert close.last_fire_time(at("2026-12-05 06:00")) == at("2026-12-05 06:00")
    assert close.last_fire_time(at("2026-12-05 05:59:59")) == at("2026-11-05 06:00")
    assert close.last_fire_time(at("2026-03-01 00:00")) == at("2026-02-05 06:00")


def test_the_overdue_check_fired_last_today_or_yesterday_at_its_hour() -> None:
    check = job_by_id(SETTINGS, OVERDUE_CHECK)
    assert check.last_fire_time(at("2026-12-05 07:00:01")) == at("2026-12-05 07:00")
    assert check.last_fire_time(at("2026-12-05 06:59")) == at("2026-12-04 07:00")


def test_fire_times_follow_the_scheduler_time_zone() -> None:
    florida = ZoneInfo("America/New_York")
    settings = SchedulerSettings(month_close_day=1, month_close_hour=0, timezone=florida)
    close = job_by_id(settings, MONTH_CLOSE)
    assert close.last_fire_time(at("2026-12-01 04:59")) == at("2026-11-01 00:00", florida)
    assert close.last_fire_time(at("2026-12-01 05:00")) == at("2026-12-01 00:00", florida)


def test_a_start_catches_up_the_latest_run_while_it_is_within_its_grace_time() -> None:
    close = job_by_id(SETTINGS, MONTH_CLOSE)
    check = job_by_id(SETTINGS, OVERDUE_CHECK)
    assert catch_up_time(close, at("2026-12-20 10:00")) == at("2026-12-05 06:00")
    assert catch_up_time(close, at("2026-12-31 10:00")) is None  # more than 25 days late
    assert catch_up_time(check, at("2026-12-06 05:59")) == at("2026-12-05 07:00")
    assert catch_up_time(check, at("2026-12-06 06:01")) is None


def test_settings_come_from_the_environment_and_refuse_days_some_months_lack() -> None:
    read = scheduler_settings({"MONTH_CLOSE_DAY": "28", "SCHEDULER_TIMEZONE": "Europe/Paris"})
    assert (read.month_close_day, read.month_close_hour, str(read.timezone)) == (
        28,
        6,
        "Europe/Paris",
    )
    for environ in (
        {"MONTH_CLOSE_DAY": "31"},
        {"MONTH_CLOSE_HOUR": "24"},
        {"SCHEDULER_TIMEZONE": "Mars/Olympus"},
    ):
        with pytest.raises(ConfigurationError):
            scheduler_settings(environ)


def test_an_unknown_job_names_the_jobs_there_are() -> None:
    with pytest.raises(UnknownJob, match="month-close, overdue-check"):
        job_by_id(SETTINGS, "month-end")
