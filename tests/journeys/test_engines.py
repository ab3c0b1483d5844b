"""The reader journeys in every engine a reader may use: Chromium, Firefox and WebKit
(Safari's engine). One browser session per engine for the whole module; the Python
runtime boots once per engine and is kept across pages by instant navigation, as a
reader who walks through the course keeps it.

Each test ends by asking the driver for problems: console errors, uncaught errors,
policy violations and requests to another host, from the page and its worker, as far as
each engine lets us see them (browser_engines.py says what each observes).
"""

import pytest

from tests.journeys import browser_engines
from tests.journeys import reader_journeys as journeys

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=browser_engines.ENGINES)
def reader(request, journey_server):
    """A reader's browser: one session per engine, kept for the module."""
    yield from browser_engines.session(request, journey_server)


def no_problems(d, allowed=()):
    problems = d.problems(allowed)
    assert not problems, f"{d.name}:\n" + "\n".join(problems)


def test_every_lesson_and_practice_page_by_instant_navigation(reader):
    journeys.walk_the_course(reader)
    no_problems(reader)


def test_look_inside_a_picked_and_a_drawn_digit(reader):
    result = journeys.look_inside(reader)
    print(f"{reader.name}: look inside {result}")
    no_problems(reader)


def test_train_raises_held_out_accuracy(reader):
    result = journeys.train(reader)
    print(f"{reader.name}: train {result}")
    no_problems(reader)


def test_one_step_through_every_phase(reader):
    journeys.one_step(reader)
    no_problems(reader)


def test_gradient_check_agrees(reader):
    journeys.gradient_check(reader)
    no_problems(reader)


def test_every_demo_shows_its_first_result(reader):
    times = journeys.first_results_everywhere(reader)
    print(f"{reader.name}: first results (s) {times}")
    no_problems(reader)


def test_flashcards_flip_by_mouse_and_keyboard(reader):
    journeys.flip_cards(reader)
    no_problems(reader)


def test_print_flashcards_one_card_a_page(reader):
    result = journeys.print_cards(reader)
    print(f"{reader.name}: print {result}")
    no_problems(reader)


def test_study_mode_next_card(reader):
    journeys.study_next_card(reader)
    no_problems(reader)


@pytest.mark.parametrize("mode", ["throws", "null", "full"])
def test_study_mode_when_storage_is_refused(reader, mode):
    filled = journeys.study_without_storage(reader, mode)
    if filled:
        print(f"{reader.name}: localStorage full after {filled / 1e6:.1f} MB")
    no_problems(reader)


def test_policy_refuses_a_foreign_request_and_it_is_seen(reader):
    problems = journeys.policy_refuses_a_foreign_image(reader)
    assert any("CSP violation" in p for p in problems), problems
    assert all("example.com" in p for p in problems), "\n".join(problems)


# Chromium runs the full gates (tests/gates/test_hostile.py, test_faults.py): these are
# their engine-neutral core, for the other engines.
other_engines = pytest.mark.parametrize("reader", ["firefox", "webkit"], indirect=True)


@other_engines
def test_every_demo_field_refuses_hostile_input(reader):
    tried = journeys.hostile_input(reader)
    print(f"{reader.name}: {tried} hostile values refused")
    no_problems(reader)


# Runtime faults last: each opens a fresh page (a fresh runtime). WebAssembly that cannot
# load goes through the worker's own watch on WebAssembly (each engine words its error
# differently); a damaged NumPy wheel through Pyodide's checks. WebKit boots the runtime
# slowest (about 10 s here), so it runs the first only.
RUNTIME_FAULTS = {
    "firefox": [("/pyodide/pyodide.asm.wasm", "missing"), ("/pyodide/numpy-2.0.2", "truncated")],
    "webkit": [("/pyodide/pyodide.asm.wasm", "missing")],
}
# What a failing runtime may log on its way to the error the reader sees.
FAULT_MESSAGES = (
    "404",
    "pyodide",
    "Pyodide",
    "wasm",
    "WebAssembly",
    "numpy",
    "Failed to load",
    "worker",
    "Worker",
    "Aborted",
    "RuntimeError",
    "could not load",
    "NetworkError",
    "sha256",
    "integrity",
)


@other_engines
def test_runtime_faults_show_an_error_and_retry_recovers(reader):
    for path, kind in RUNTIME_FAULTS[reader.name]:
        box = journeys.runtime_fault_and_retry(reader, path, kind)
        print(f"{reader.name}: {kind} {path}: {box[:120]!r}")
        no_problems(reader, FAULT_MESSAGES)


@other_engines
def test_worker_dying_mid_training_is_noticed_and_replaced(reader):
    noticed = journeys.worker_dies_mid_training(reader)
    print(f"{reader.name}: silent worker noticed after {noticed:.1f} s")
    assert noticed < 8
    no_problems(reader, ("stopped responding",))
