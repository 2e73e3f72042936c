"""Every entrypoint: the command line, the HTTP API, web pages and the scheduler.

`api.create_app` is looked up on first use, so that the command line, which imports
`api.cli`, does not load Flask and every API module to print its help.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from api.app import create_app

        return create_app
    raise AttributeError(f"module 'api' has no attribute {name!r}")
