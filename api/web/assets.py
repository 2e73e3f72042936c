"""Stylesheets of the web pages, served from `api/web/static` under `/assets`."""

from flask import Blueprint

blueprint = Blueprint("web_assets", __name__, static_folder="static", static_url_path="/assets")
