"""Your network, driven as a reader: train in lesson 7, reload, find it in the demos of
lessons 1, 2, 3, 5 and 8 with the answers pylib gives for those weights (computed in CPython
from the downloaded file), load files back (good and hostile), and the store under
pressure (storage blocked, storage full)."""

import io
import pickle
import re

import numpy as np
import pytest

from pylib import Network
from tests.conftest import open_page, wait_until

pytestmark = pytest.mark.browser

L7 = "/lessons/07-training/"
PANEL = "document.querySelector('.your-panel')"


def demo_js(name):
    return f"document.querySelector('.demo[data-demo={name}]')"


def open_demo(page, server, path, name):
    page.goto(server.url + path)
    wait_until(page, f"{demo_js(name)} && {demo_js(name)}.dataset.ready !== undefined", 20)
    demo = page.locator(f".demo[data-demo={name}]")
    demo.scroll_into_view_if_needed()
    return demo


def train_small(page, server):
    """Three quick epochs of a 784-16-16-10 network on 2,000 images, as a reader sets them."""
    demo = open_demo(page, server, L7, "train")
    demo.get_by_label("Epochs").fill("3")
    demo.get_by_role("textbox", name="Training images").fill("2000")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"{demo_js('train')}.dataset.epoch === '3'", 120)
    return demo


def panel_message(page):
    return page.evaluate(f"{PANEL}.querySelector('.your-panel__message').textContent")


@pytest.fixture(scope="module")
def trained(browser, server, tmp_path_factory):
    """A reader's context in which a network was trained and kept, and that network as downloaded."""
    context, page = open_page(browser, server)
    demo = train_small(page, server)
    wait_until(
        page,
        f"{PANEL}.querySelector('.your-panel__message').textContent.startsWith('Kept as your network')",
        30,
    )
    summary = demo.locator(".your-panel__summary").inner_text()
    assert summary.startswith(
        "784-16-16-10, trained for 3 epochs (η = 3, m = 10, seed 0) on 2,000 training images"
    )
    with page.expect_download() as download:
        demo.get_by_role("link", name="Download your network").click()
    path = tmp_path_factory.mktemp("yours") / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "your-network-784-16-16-10.npz"
    yield {"context": context, "page": page, "path": path, "network": Network.load(path), "summary": summary}
    problems = page.watch.problems()
    context.close()
    assert not problems, "\n".join(problems)


def test_the_download_loads_in_cpython_with_the_accuracy_the_page_says(trained, digits):
    network = trained["network"]
    accuracy = network.evaluate(*digits.test)["accuracy"]
    shown = float(re.search(r"reads ([\d.]+)% of the 1,000 held-out", trained["summary"]).group(1))
    assert shown == round(100 * accuracy, 1)
    assert accuracy > 0.5  # three epochs on 2,000 images already read most digits


def test_your_network_survives_a_reload_and_the_demos_take_it(trained, server, digits):
    page, network = trained["page"], trained["network"]
    label = re.compile(r"Your network \([\d.]+% held out\)")

    # Lesson 1, Look inside: the same outputs as pylib for held-out image 5
    demo = open_demo(page, server, "/lessons/01-what-a-network-is/", "look-inside")
    demo.get_by_label(label).check()
    field = demo.get_by_label("Held-out image (0–999)")
    field.fill("5")
    field.press("Enter")
    wait_until(
        page,
        f"{demo_js('look-inside')}.dataset.weights === 'yours' && "
        "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 5,')",
        60,
    )
    demo.locator(".demo__numbers summary").click()
    shown = [
        float(t.split()[0])
        for t in demo.locator(".look-inside__table").nth(1).locator("tbody td").all_inner_texts()
    ]
    expected = network.feedforward(digits.test_images[5].reshape(-1, 1))[:, 0]
    np.testing.assert_allclose(shown, np.round(expected, 3), atol=1.01e-3)

    # Lesson 2, Weight pictures: your network's first-layer weights
    demo = open_demo(page, server, "/lessons/02-neurons-weights-biases/", "weight-pictures")
    demo.get_by_label(label).check()
    wait_until(page, f"{demo_js('weight-pictures')}.dataset.network === 'yours'", 60)
    facts = demo.locator(".weight-pictures__facts").inner_text()
    assert "your network's incoming weights" in facts
    bias = float(re.search(r"its bias is (\S+)\.$", facts).group(1).replace("−", "-"))
    assert bias == round(float(network.biases[0][0, 0]), 2)

    # Lesson 3, Score a guess: Cₓ as pylib computes it for held-out image 0
    demo = open_demo(page, server, "/lessons/03-cost/", "score-guess")
    demo.get_by_label(label).check()
    wait_until(page, f"{demo_js('score-guess')}.dataset.weights === 'yours'", 60)
    cost = float(page.evaluate(f"{demo_js('score-guess')}.dataset.cost"))
    x, y = digits.test_images[0].reshape(-1, 1), np.eye(10)[:, [digits.test_labels[0]]]
    assert cost == pytest.approx(network.cost(x, y), rel=1e-9)
    assert "With your network's weights" in demo.locator(".score-guess__result").inner_text()

    # Lesson 5, What does this image want?: the guess pylib makes for held-out image 0
    demo = open_demo(page, server, "/lessons/05-backpropagation/", "what-image-wants")
    select = demo.get_by_label("Weights", exact=True)
    wait_until(
        page,
        "[...document.querySelectorAll('.demo[data-demo=what-image-wants] option')]"
        ".some(o => o.value === 'yours' && !o.hidden)",
        20,
    )
    select.select_option("yours")
    guess = int(np.argmax(network.feedforward(x)))
    wait_until(
        page,
        f"/The network's guess: {guess} /.test({demo_js('what-image-wants')}.querySelector('.what-image-wants__about').textContent)",
        60,
    )

    # Lesson 8, One step: the step taken on your network, on the same training 7
    demo = open_demo(page, server, "/lessons/08-seeing-it-whole/", "one-step")
    demo.get_by_label(label).check()
    text = wait_until(
        page,
        f"{demo_js('one-step')}.querySelector('.one-step__text').textContent.includes('Your network reads') && "
        f"{demo_js('one-step')}.querySelector('.one-step__text').textContent",
        60,
    )
    index, digit, read_as = map(
        int,
        re.search(
            r"\(image (\d+)\)\. Your network reads [\d.]+% of the 1,000 held-out digits, "
            r"and reads this (\d) as a (\d)\.",
            text,
        ).groups(),
    )
    assert digit == digits.train_labels[index]
    assert read_as == int(np.argmax(network.feedforward(digits.train_images[index].reshape(-1, 1))))


def npz(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_load_a_network_back_and_hostile_files_are_refused(trained, server, tmp_path):
    page, path = trained["page"], trained["path"]
    demo = open_demo(page, server, L7, "train")
    wait_until(
        page,
        f"{PANEL}.querySelector('.your-panel__summary').textContent.startsWith('784-16-16-10, trained')",
        20,
    )
    good = dict(np.load(path))
    chooser = demo.locator("input.your-panel__file")
    hostile = {
        "wrong-shapes.npz": (npz(**dict(good, weights2=np.zeros((16, 15), np.float32))), "has shape"),
        "nan.npz": (npz(**dict(good, biases3=np.full((10, 1), np.nan, np.float32))), "not finite"),
        "pickle.npz": (pickle.dumps({"weights1": [1.0]}), "not a NumPy .npz"),
        "object.npz": (npz(**dict(good, weights1=np.array([None] * 3, dtype=object))), "Python objects"),
        "not-an-npz.npz": (b"<html>not a network</html>", "not a NumPy .npz"),
        "truncated.npz": (path.read_bytes()[:5000], "not a NumPy .npz"),
    }
    for name, (data, reason) in hostile.items():
        chooser.set_input_files({"name": name, "mimeType": "application/octet-stream", "buffer": data})
        wait_until(
            page,
            f"{PANEL}.querySelector('.your-panel__message').textContent.startsWith({name + ' was refused'!r})",
            60,
        )
        assert reason in panel_message(page), (name, panel_message(page))
    # 100 MB: refused by its size before it is read or sent
    calls = page.evaluate(
        "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime().callsSent)"
    )
    huge = tmp_path / "huge.npz"
    with open(huge, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    chooser.set_input_files(str(huge))
    wait_until(
        page,
        f"{PANEL}.querySelector('.your-panel__message').textContent.startsWith('huge.npz is 100.0 MB')",
        30,
    )
    assert (
        page.evaluate(
            "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime().callsSent)"
        )
        == calls
    )
    # nothing refused replaced your network
    assert demo.locator(".your-panel__summary").inner_text() == trained["summary"]

    # The downloaded file itself: accepted, and since it would replace your network, asked first
    chooser.set_input_files(str(path))
    demo.get_by_role("button", name="Keep the old one").click()
    assert "unchanged" in panel_message(page)
    # a smaller one saved by a notebook: accepted after asking, offered, then labelled by file
    other = Network((784, 10), seed=1)
    data = other.to_bytes()
    chooser.set_input_files(
        {"name": "from-a-notebook.npz", "mimeType": "application/octet-stream", "buffer": data}
    )
    demo.get_by_role("button", name="Replace it").click()
    wait_until(
        page,
        f"{PANEL}.querySelector('.your-panel__message').textContent.startsWith('Kept as your network')",
        20,
    )
    assert (
        demo.locator(".your-panel__summary")
        .inner_text()
        .startswith("784-10, loaded from from-a-notebook.npz")
    )
    # Look inside draws 784-16-16-10, so it says why it cannot take this one and links to lesson 7
    look = open_demo(page, server, "/lessons/01-what-a-network-is/", "look-inside")
    note = look.locator(".your-choice__note")
    wait_until(page, "document.querySelector('.your-choice__note').textContent.includes('784-10')", 20)
    assert "needs one of those sizes" in note.inner_text()
    assert look.locator("input[value=yours]").is_disabled()
    assert note.get_by_role("link").get_attribute("href").endswith("/lessons/07-training/")
    # Score a guess works on any sizes
    score = open_demo(page, server, "/lessons/03-cost/", "score-guess")
    score.get_by_label(re.compile("Your network")).check()
    wait_until(page, f"{demo_js('score-guess')}.dataset.weights === 'yours'", 60)
    x = np.zeros((784, 1))
    assert np.isfinite(other.feedforward(x)).all()
    # put the trained one back for any later test
    open_demo(page, server, L7, "train").locator("input.your-panel__file").set_input_files(str(path))
    page.get_by_role("button", name="Replace it").click()
    wait_until(
        page,
        f"{PANEL}.querySelector('.your-panel__summary').textContent.startsWith('784-16-16-10, loaded')",
        20,
    )


QUOTA = """
IDBObjectStore.prototype.put = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};
"""
BLOCKED = """
Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });
"""


@pytest.mark.parametrize(
    "script, said",
    [
        (QUOTA, "storage for this site is full"),
        (BLOCKED, "Kept as your network for as long as this page is open"),
    ],
)
def test_storage_full_or_blocked_says_so_and_the_page_works(browser, server, script, said):
    context, page = open_page(browser, server)
    context.add_init_script(script)
    try:
        demo = train_small(page, server)
        wait_until(page, f"{PANEL}.querySelector('.your-panel__message').textContent.includes({said!r})", 30)
        if script is BLOCKED:
            # kept in memory: this page's demos still offer it until it is left
            assert demo.locator(".your-panel__summary").inner_text().startswith("784-16-16-10, trained")
        # the demo itself carried on: the viewer shows a held-out image
        wait_until(
            page, "document.querySelector('.demo__answer').textContent.includes('The network answers')", 20
        )
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()


OLD_RECORD = """() => new Promise((resolve, reject) => {
  const opening = indexedDB.open('nn-course', 1);
  opening.onupgradeneeded = () => { opening.result.createObjectStore('networks', { keyPath: 'id' });
                                    opening.result.createObjectStore('digits', { keyPath: 'id', autoIncrement: true }); };
  opening.onsuccess = () => {
    const tx = opening.result.transaction(['networks', 'digits'], 'readwrite');
    tx.objectStore('networks').put({ id: 'yours', schema: 0, weights: [1, 2, 3] });
    tx.objectStore('digits').put({ schema: 1, pixels: 'not pixels', label: 3, saved: 'yesterday' });
    tx.oncomplete = () => { opening.result.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
})"""


def test_an_old_or_damaged_record_is_set_aside_with_a_notice(browser, server):
    context, page = open_page(browser, server)
    try:
        page.goto(server.url + L7)
        page.evaluate(OLD_RECORD)
        demo = open_demo(page, server, L7, "train")
        wait_until(
            page,
            f"{PANEL}.querySelector('.your-panel__message').textContent.includes('another version of the course')",
            20,
        )
        assert demo.locator(".your-panel__summary").inner_text().startswith("None yet")
        page.goto(server.url + "/your-work/")
        wait_until(page, "document.querySelector('.demo[data-demo=your-work]')?.dataset.digits === '0'", 20)
        wait_until(
            page,
            "document.querySelector('.your-work__message').textContent.includes('1 of your kept digits could not be read')",
            10,
        )
        # the page works: a network trained now replaces the old record
        demo = train_small(page, server)
        wait_until(
            page,
            f"{PANEL}.querySelector('.your-panel__message').textContent.startsWith('Kept as your network')",
            30,
        )
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()


def test_your_network_follows_instant_navigation(trained, server, site_dir):
    """From lesson 7 to lesson 1 by the sidebar (the page swapped in place, not reloaded):
    Look inside offers your network and answers with it."""
    from tests.browser.test_demo_framework import follow_nav_link, serve_sitemap

    page = trained["page"]
    serve_sitemap(page, server, site_dir)
    open_demo(page, server, L7, "train")
    page.evaluate("window.sameDocument = true")
    follow_nav_link(page, "01-what-a-network-is/")
    wait_until(page, f"{demo_js('look-inside')} && {demo_js('look-inside')}.dataset.ready !== undefined", 20)
    assert page.evaluate("window.sameDocument") is True, "the sidebar link reloaded the page"
    demo = page.locator(".demo[data-demo=look-inside]")
    demo.scroll_into_view_if_needed()
    demo.get_by_label(re.compile(r"Your network \([\d.]+% held out\)")).check()
    wait_until(page, f"{demo_js('look-inside')}.dataset.weights === 'yours'", 60)
    page.unroute("**/sitemap.xml")
