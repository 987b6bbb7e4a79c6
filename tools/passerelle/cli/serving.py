"""The serve command: the local review app for translators."""

from __future__ import annotations

import click

from passerelle.cli import Context, cli
from passerelle.config import project_languages


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--lang", help="Open on this language (default: the first of the project).")
@click.option("--open", "open_browser", is_flag=True, help="Open the address in a browser.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback lets other machines reach the app.",
)
@click.option(
    "--translator", help='Last-Translator of saved catalogs (default: git\'s "name <email>").'
)
@click.option(
    "--engine", help="Draft engine for suggestions (default: the project's draft-engine)."
)
@click.option("--engine-url", help="Server URL of the draft engine (self-hosted, test servers).")
@click.pass_obj
def serve(
    obj: Context,
    port: int,
    lang: str | None,
    open_browser: bool,
    host: str,
    translator: str | None,
    engine: str | None,
    engine_url: str | None,
) -> None:
    """Review and translate in the browser, in context.

    Each document as it will ship, beside the French: click a sentence to edit it. Prints the
    address to open, with its access token; Ctrl+C stops the server.
    """
    from passerelle.errors import ConfigError
    from passerelle.serve.saving import git_translator
    from passerelle.serve.server import LOOPBACK, make_server
    from passerelle.steps.drafts.base import EngineSettings

    config = obj.config
    if lang is not None:
        [lang] = project_languages(config, (lang,))
    who = translator or git_translator(config.root)
    _warn(who, host, LOOPBACK)
    try:
        running = make_server(
            config,
            host=host,
            port=port,
            translator=who,
            settings=EngineSettings(url=engine_url),
            engine=engine,
        )
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port}: {exc.strerror}", hint="choose another --port"
        ) from None
    url = running.url + (f"&lang={lang}" if lang else "")
    click.echo(f"passerelle serve: {config.root}")
    click.echo(f"    {url}")
    click.echo("Open that address (it holds the access token); Ctrl+C stops the server.")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    running.run()


def _warn(translator: str, host: str, loopback: str) -> None:
    """Say what the translator should know before the first save."""
    if not translator:
        click.echo(
            "passerelle: warning: no --translator and no git user.name: saved catalogs keep"
            " their Last-Translator",
            err=True,
        )
    if host not in (loopback, "localhost", "::1"):
        click.echo(
            f"passerelle: warning: listening on {host}: other machines can reach the app"
            " (the token still guards it)",
            err=True,
        )
