"""Score the guess (lesson 3), driven as a reader would: first with the runtime failing to
load (a clear message, Retry), then the cost table, random weights, nonsense, the average."""

import pytest

from tests.browser.demo_helpers import (
    L3,
    WHOLE_NUMBER_NONSENSE,
    assert_refused,
    demo_of,
    js_demo,
    open_lesson,
    wait_live,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def test_score_guess_and_retry_after_the_runtime_fails(page, server, faults, build_stats):
    # The runtime cannot load (its first file is missing): the demo says so, keeps its description, offers Retry.
    faults.set("pyodide.mjs", "missing")
    page.watch.allow_errors("404", "Failed to load resource")
    open_lesson(page, server, L3, ["score-guess"])
    demo = demo_of(page, "score-guess")
    wait_until(page, "document.querySelector('.demo__runtime--failed')", 60)
    assert "press Retry" in demo.locator(".demo__runtime").inner_text()
    assert "Pick an image" in demo.locator(".demo__about").inner_text()
    faults.clear()
    demo.get_by_role("button", name="Retry").click()

    wait_until(page, f"{js_demo('score-guess')}.dataset.cost", 90)
    wait_live(page)  # the first result may be the build's preview
    rows = [
        [c.strip() for c in row.locator("th, td").all_inner_texts()]
        for row in demo.locator("table.score-guess__table tbody tr").all()
    ]
    assert [int(r[0].split()[0]) for r in rows] == list(range(10))
    number = lambda text: float(text.split()[0].replace("−", "-"))
    targets = [number(r[2]) for r in rows]
    assert sorted(targets) == [0] * 9 + [1]
    label = targets.index(1)
    assert demo.locator("tbody tr.score-guess__row--label th").inner_text().startswith(str(label))
    for r in rows:
        a, y, difference, square = number(r[1]), number(r[2]), number(r[3]), number(r[4])
        assert difference == pytest.approx(a - y, abs=2e-4)
        assert square == pytest.approx((a - y) ** 2, abs=2e-4)
    total = number(demo.locator("tfoot tr").first.locator("td").inner_text())
    cost = number(demo.locator("tfoot tr.score-guess__cost td").inner_text())
    assert total == pytest.approx(sum(number(r[4]) for r in rows), abs=2e-5)
    assert cost == pytest.approx(total / 2, abs=1e-6)
    assert float(demo.get_attribute("data-cost")) == pytest.approx(cost, abs=1e-6)
    trained_cost = cost

    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('score-guess')}.dataset.weights === 'random'", 15)
    assert float(demo.get_attribute("data-cost")) > trained_cost
    assert "With random weights" in demo.locator(".score-guess__result").inner_text()

    field = demo.get_by_label("Held-out image (0–999)")
    for value, expected in WHOLE_NUMBER_NONSENSE:
        assert_refused(page, field, lambda: field.press("Enter"), value, expected)
    field.fill("5")
    field.press("Enter")
    wait_until(page, f"{js_demo('score-guess')}.dataset.index === '5'", 15)

    demo.get_by_role("button", name="Average over the training set").click()
    wait_until(page, f"{js_demo('score-guess')}.dataset.averageShipped", 30)
    table = demo.locator("table.score-guess__average").inner_text()
    stats = build_stats["shipped"]
    assert f"{stats['random_train_cost']:.4f}" in table and f"{stats['train_cost']:.4f}" in table
    assert f"of {stats['train_images']:,}" in table
    assert "over all 4,000 training images" in demo.locator(".score-guess__note").inner_text()
