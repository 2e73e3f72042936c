"""Every entrypoint: the command line, the HTTP API, web pages and the scheduler."""
