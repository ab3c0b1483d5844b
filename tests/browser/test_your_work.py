"""Your digits and your progress, driven as a reader: draw and keep three digits in
lesson 1, score them on the Your work page (the counts pylib gives for those pixels),
delete one; export → forget everything → import restores it all (study schedule,
network, digits); a damaged import changes nothing."""

import base64
import json
import re

import numpy as np
import pytest

from pylib import Network
from tests.conftest import open_page, wait_until

pytestmark = pytest.mark.browser

WORK = "document.querySelector('.demo[data-demo=your-work]')"
CARD = {
    "due": "2030-01-01T00:00:00.000Z",
    "stability": 3.2,
    "difficulty": 5.1,
    "elapsed_days": 0,
    "scheduled_days": 3,
    "learning_steps": 0,
    "reps": 2,
    "lapses": 0,
    "state": 2,
    "last_review": "2026-11-01T00:00:00.000Z",
}
# Strokes as fractions of the pad: a 1, a 7 and another 1.
STROKES = {
    1: [[(0.5, 0.15), (0.5, 0.85)]],
    7: [[(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]],
}


def draw(page, pad, strokes):
    box = pad.bounding_box()
    at = lambda p: (box["x"] + p[0] * box["width"], box["y"] + p[1] * box["height"])
    for points in strokes:
        page.mouse.move(*at(points[0]))
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*at(point), steps=6)
        page.mouse.up()


def message(page):
    return page.evaluate(f"{WORK}.querySelector('.your-work__message').textContent")


def open_work(page, server):
    page.goto(server.url + "/your-work/")
    wait_until(page, f"{WORK} && {WORK}.dataset.digits !== undefined", 20)
    return page.locator(".demo[data-demo=your-work]")


def test_keep_score_delete_export_forget_import(browser, server, tmp_path, session):
    context, page = open_page(browser, server)
    try:
        page.goto(server.url + "/lessons/01-what-a-network-is/")
        wait_until(page, "document.querySelector('.demo[data-demo=look-inside][data-ready]')", 20)
        look = page.locator(".demo[data-demo=look-inside]")
        look.scroll_into_view_if_needed()
        pad = look.locator("canvas.look-inside__pad")
        keep = look.get_by_role("button", name="Keep this drawing")
        keep.click()  # nothing drawn yet
        assert "Draw a digit on the pad first" in look.locator(".keep-drawing__message").inner_text()
        for n, label in enumerate([1, 7, 1], start=1):
            look.get_by_role("button", name="Clear").click()
            draw(page, pad, STROKES[label])
            wait_until(
                page,
                "document.querySelector('.demo[data-demo=look-inside]').dataset.source === 'drawing' && "
                "document.querySelector('.demo[data-demo=look-inside]').dataset.final === 'true'",
                60,
            )
            look.get_by_label("Its label (the digit you meant)").select_option(str(label))
            keep.click()
            wait_until(
                page,
                f"document.querySelector('.keep-drawing__message').textContent.includes('You have kept {n} digit')",
                10,
            )

        # A study schedule to carry along
        page.evaluate(
            "s => localStorage.setItem('nn-flashcards', s)",
            json.dumps({"version": 1, "cards": {"l1-q1": CARD}, "lessons": None}),
        )

        demo = open_work(page, server)
        assert demo.locator(".your-digits__list > li").count() == 3
        # a network, loaded from a file as a notebook would save it
        network = Network((784, 16, 16, 10), seed=4)
        demo.locator("input.your-panel__file").first.set_input_files(
            {"name": "notebook.npz", "mimeType": "application/octet-stream", "buffer": network.to_bytes()}
        )
        wait_until(
            page,
            f"{WORK}.querySelector('.your-panel__message').textContent.startsWith('Kept as your network')",
            90,
        )

        # Export: the file holds everything, in its versioned schema
        with page.expect_download() as download:
            demo.get_by_role("button", name="Export my progress").click()
        exported = tmp_path / "progress.json"
        download.value.save_as(exported)
        data = json.loads(exported.read_text())
        assert data["format"] == "nn-course-progress" and data["version"] == 1
        assert [d["label"] for d in data["digits"]] == [1, 7, 1]
        assert data["flashcards"]["cards"]["l1-q1"]["reps"] == 2
        assert data["network"]["sizes"] == [784, 16, 16, 10]

        # Score: the counts pylib gives for exactly those pixels
        pixels = np.array(
            [np.frombuffer(base64.b64decode(d["pixels"]), np.uint8) / 255 for d in data["digits"]]
        )
        labels = np.array([1, 7, 1])
        mine = Network.from_bytes(base64.b64decode(data["network"]["npz"]))
        shipped_right = int(np.sum(np.argmax(session.shipped.feedforward(pixels.T), axis=0) == labels))
        demo.get_by_role("button", name="Score your digits").click()
        scored = json.loads(wait_until(page, f"{WORK}.dataset.scored", 90))
        assert scored["yours"] == int(np.sum(np.argmax(mine.feedforward(pixels.T), axis=0) == labels))
        assert scored["shipped"] == shipped_right
        assert demo.locator(".your-digits__confusion").count() == 2
        heading = demo.locator("[data-network=shipped] h5").text_content()
        assert re.fullmatch(r"The shipped network reads \d of your 3 digits", heading)

        # Delete one
        demo.get_by_role("button", name="Delete your digit 2 (a 7)").click()
        wait_until(page, f"{WORK}.dataset.digits === '2'", 10)
        assert "Deleted your 7" in demo.locator(".your-digits__note").inner_text()

        # Forget everything (asked first), then import the export: all back
        demo.get_by_role("button", name="Forget everything on this device").click()
        demo.get_by_role("button", name="Forget everything", exact=True).click()
        wait_until(page, f"{WORK}.dataset.digits === '0'", 10)
        assert page.evaluate("localStorage.getItem('nn-flashcards')") is None
        assert "None yet" in demo.locator(".your-panel__summary").inner_text()
        chooser = demo.locator("input.your-panel__file").nth(1)
        chooser.set_input_files(str(exported))
        ask = wait_until(page, f"{WORK}.querySelector('.your-work__ask').textContent", 60)
        assert (
            "study progress on 1 card, a network (784-16-16-10" in ask
            and "3 digits" in ask
            and "replaces" in ask
        )
        demo.get_by_role("button", name="Import and replace").click()
        wait_until(page, f"{WORK}.dataset.digits === '3'", 20)
        assert message(page).startswith("Imported")
        assert json.loads(page.evaluate("localStorage.getItem('nn-flashcards')"))["cards"]["l1-q1"] == CARD
        wait_until(
            page,
            f"{WORK}.querySelector('.your-panel__summary').textContent.startsWith('784-16-16-10, loaded from notebook.npz')",
            10,
        )

        # A damaged import changes nothing: each refused with a reason
        damaged = {
            "label.json": dict(
                data,
                digits=data["digits"]
                + [{"label": 12, "saved": data["exported"], "pixels": data["digits"][0]["pixels"]}],
            ),
            "version.json": dict(data, version=2),
            "network.json": dict(
                data, network=dict(data["network"], npz=base64.b64encode(b"PK\x03\x04 broken").decode())
            ),
            "cards.json": dict(data, flashcards={"version": 1, "cards": {"x": {"due": "never"}}}),
        }
        for name, content in damaged.items():
            chooser.set_input_files(
                {"name": name, "mimeType": "application/json", "buffer": json.dumps(content).encode()}
            )
            wait_until(
                page,
                f"{WORK}.querySelector('.your-work__message').textContent.startsWith({name + ' cannot be imported'!r})",
                60,
            )
            assert message(page).endswith("Nothing was changed.")
        chooser.set_input_files({"name": "junk.json", "mimeType": "application/json", "buffer": b"{not json"})
        wait_until(page, f"{WORK}.querySelector('.your-work__message').textContent.includes('not JSON')", 10)
        page.reload()
        demo = open_work(page, server)
        wait_until(page, f"{WORK}.dataset.digits === '3'", 10)
        assert json.loads(page.evaluate("localStorage.getItem('nn-flashcards')"))["cards"]["l1-q1"] == CARD
        usage = demo.locator(".your-work__usage").inner_text()
        assert usage.startswith("What the course keeps for you: about")
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()
