"""Driving offline use from a test or `make bench`: save the course in a Playwright page,
cut the network, read the service worker's caches.

``save_course_offline(page, site_url)`` is there for `make bench`'s "from the offline
cache" figure too: it opens the offline page, presses Save and waits for "Saved"."""

from tests.conftest import Server, wait_until

OFFLINE_PAGE = "offline/"
CONTROL = "document.querySelector('[data-offline-control]')"


def control_state(page):
    return page.evaluate(f"{CONTROL}?.dataset.state || null")


def wait_for_state(page, *states, timeout=30):
    """Wait until the control's data-state is one of ``states``; return it."""
    wanted = " || ".join(f"{CONTROL}?.dataset.state === {s!r}" for s in states)
    wait_until(page, wanted, timeout)
    return control_state(page)


def save_course_offline(page, site_url, timeout=120):
    """Open the offline page of the site at ``site_url`` (its base, with the trailing slash),
    press "Save this course for offline use" and wait for "Saved"; return the status text."""
    page.goto(site_url + OFFLINE_PAGE)
    wait_for_state(page, "ready", "incomplete", "saved")
    page.get_by_role("button", name="Save this course for offline use").click()
    state = wait_for_state(page, "saved", "error", timeout=timeout)
    status = page.locator(".offline-control__status").inner_text()
    assert state == "saved", status
    return status


def wait_for_worker(page, timeout=15):
    """Wait until a service worker controls the page (the first visit: once it has claimed it)."""
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout)


def cached_urls(page):
    """Every address kept in the course's caches, by cache name."""
    return page.evaluate("""async () => { const out = {};
        for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map(r => r.url);
        return out; }""")


def cut_network(context, server):
    """Really offline: the browser says so and the server is gone (a closed port refuses at once)."""
    context.set_offline(True)
    server.close()
    server.httpd.server_close()


def fresh_server(root, base="/"):
    """The built site at ``root`` on a port of its own, so a test can cut it off."""
    return Server(root, base=base)
