"""MkDocs hooks (``hooks:`` in mkdocs.yml): each event handed to the module that does its job.

* on_config         run every build step                          sitebuild/orchestration.py
* on_files          add the steps' outputs to the site            sitebuild/orchestration.py
* on_page_markdown  flashcard fences and the deck page,           sitebuild/flashcard_pages.py
                    then ``{{ stats.… }}``                          sitebuild/stat_text.py
* on_page_content   tidy the pages mkdocs-jupyter rendered        sitebuild/notebooks.py
* on_pre_build, on_post_page, on_post_template, on_post_build
                    the one Content-Security-Policy every page carries   sitebuild/csp.py
* on_post_page      a modulepreload link per module the page runs     sitebuild/module_preload.py
* on_post_build     last, the service worker over the finished site   sitebuild/offline.py

A BuildError (something wrong, with what to do about it) becomes MkDocs' PluginError, so
the build stops with that message.
"""

import functools
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild import csp, module_preload, notebooks, offline, orchestration
from sitebuild.common import BuildError
from sitebuild.flashcard_pages import fill_flashcards
from sitebuild.stat_text import fill_stats

# `mkdocs serve` and `python -m http.server` guess types from these tables: Pyodide
# needs JavaScript for .mjs (module imports are strict) and application/wasm for .wasm.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")

Hook = TypeVar("Hook", bound=Callable[..., Any])


def reported(hook: Hook) -> Hook:
    """Stop the build with the step's own message when it raises BuildError."""

    @functools.wraps(hook)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except BuildError as error:
            raise PluginError(str(error)) from error

    return run  # type: ignore[return-value]


@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    orchestration.prepare(config)
    return config


@event_priority(-50)  # after mkdocs-jupyter's on_files has made the notebooks pages
@reported
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return orchestration.add_generated_files(files, config)


@reported
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = page.file.src_uri
    markdown = fill_flashcards(markdown, where, orchestration.current.deck)
    return fill_stats(markdown, orchestration.stats(), where)


@reported
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not notebooks.is_notebook_page(page):
        return html
    return notebooks.finish_page(html, page, files, orchestration.stats())


def on_pre_build(config: MkDocsConfig) -> None:
    csp.start()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    csp.collect_inline_code(output)
    return module_preload.add_links(output, page.url, Path(config["docs_dir"]) / "assets" / "js")


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Static templates such as 404.html get the same policy."""
    csp.collect_inline_code(output)
    return output


@reported
def on_post_build(config: MkDocsConfig) -> None:
    offline.write_fallback(config["site_dir"], config)  # before the policy: it carries it too
    csp.fill_in_policy(config["site_dir"])
    # Last: the service worker's manifest lists the final files (sitebuild/offline.py).
    stats = orchestration.stats()
    stats["offline"] = offline.build(config["site_dir"], stats["build_id"])
