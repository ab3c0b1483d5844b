// One tab stop for a group of items laid out in rows (a grid of tiles, a gallery of
// thumbnails): Tab enters the group at its current item and leaves it at the next; the
// arrow keys move between the items (Up and Down to the nearest item in the row above
// or below, as the page lays them out), Home and End to the first and the last. The
// items stay buttons (or radios): Enter and Space press them as before.
//
//   const roving = rovingFocus(container, { items: () => [...], onMove: (item, index) => {} });
//   roving.refresh();        after items were added or replaced
//   roving.set(index);       make an item the group's tab stop (without moving focus)

const KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);

export function rovingFocus(container, { items = () => [...container.children], onMove = null } = {}) {
  let current = 0;

  function refresh() {
    const list = items();
    current = Math.min(current, Math.max(0, list.length - 1));
    list.forEach((item, i) => item.setAttribute("tabindex", i === current ? "0" : "-1"));
  }

  function set(index) {
    current = index;
    refresh();
  }

  // The item in the nearest row above (direction −1) or below (+1), nearest in x.
  function vertical(list, from, direction) {
    const here = list[from].getBoundingClientRect();
    const middle = here.left + here.width / 2;
    const beyond = list
      .map((item, i) => ({ i, box: item.getBoundingClientRect() }))
      .filter(({ box }) => (direction > 0 ? box.top >= here.bottom - 1 : box.bottom <= here.top + 1));
    if (!beyond.length) return null;
    const tops = beyond.map(({ box }) => box.top);
    const rowTop = direction > 0 ? Math.min(...tops) : Math.max(...tops);
    const offset = ({ box }) => Math.abs(box.left + box.width / 2 - middle);
    const row = beyond
      .filter(({ box }) => Math.abs(box.top - rowTop) < 2)
      .sort((p, q) => offset(p) - offset(q));
    return row[0].i;
  }

  container.addEventListener("keydown", (event) => {
    if (!KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const list = items();
    const from = list.indexOf(event.target);
    if (from < 0) return;
    let to = from;
    if (event.key === "ArrowRight") to = Math.min(list.length - 1, from + 1);
    else if (event.key === "ArrowLeft") to = Math.max(0, from - 1);
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = list.length - 1;
    else to = vertical(list, from, event.key === "ArrowDown" ? 1 : -1) ?? from;
    event.preventDefault();
    if (to === from) return;
    set(to);
    list[to].focus();
    if (onMove) onMove(list[to], to);
  });
  container.addEventListener("focusin", (event) => {
    const index = items().indexOf(event.target);
    if (index >= 0 && index !== current) set(index);
  });
  refresh();
  return {
    refresh,
    set,
    get current() {
      return current;
    },
  };
}
