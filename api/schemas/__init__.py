"""marshmallow schemas of the HTTP API: what each endpoint loads and dumps."""
