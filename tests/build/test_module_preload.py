"""The build's modulepreload links (sitebuild/module_preload.py): which modules a page names.
The browser side (every module a page runs at load is named) is tests/browser/test_module_preload.py."""

from sitebuild import module_preload


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_static_graph_follows_static_imports_only(tmp_path):
    write(
        tmp_path,
        {
            "main.js": 'import { a } from "./lib/a.js";\nexport { b } from "./b.js";\nimport "./side.js";\n'
            'const later = () => import("./lazy.js");\n',
            "lib/a.js": 'import {\n  h,\n  svg,\n} from "../dom.js";\nimport { x } from "./x.js";\n',
            "lib/x.js": 'import { a } from "./a.js"; // a cycle\n',
            "b.js": "",
            "side.js": "",
            "dom.js": "",
            "lazy.js": "",
        },
    )
    assert module_preload.static_graph(tmp_path, "main.js") == [
        "main.js",
        "lib/a.js",
        "b.js",
        "side.js",
        "dom.js",
        "lib/x.js",
    ]


def test_a_page_names_main_its_demos_and_what_its_markup_loads(tmp_path):
    write(
        tmp_path,
        {
            "main.js": 'import "./dom.js";\n',
            "dom.js": "",
            "demos/train.js": 'import "../dom.js";\nimport "../demo-kit/limits.js";\n',  # limits.js: built
            "flashcards/study.js": 'import "./schedule.js";\n',
            "flashcards/schedule.js": "",
        },
    )
    page = (
        '<html><head><title>t</title></head><body><div class="demo" data-demo="train"></div>'
        '<div class="demo" data-demo="no-such-demo"></div><div data-flashcard-study></div>'
        '<script src="../../assets/js/main.js" type="module"></script></body></html>'
    )
    html = module_preload.add_links(page, "lessons/07-training/", tmp_path)
    links = html[html.index("<title>t</title>") + len("<title>t</title>") : html.index("</head>")]
    assert links == "".join(
        f'<link rel="modulepreload" href="../../assets/js/{name}">'
        for name in [
            "main.js",
            "dom.js",
            "demos/train.js",
            "demo-kit/limits.js",
            "flashcards/study.js",
            "flashcards/schedule.js",
        ]
    )
    # A page without the site's scripts (the offline fallback page, 404) is left alone.
    plain = "<html><head></head><body></body></html>"
    assert module_preload.add_links(plain, "", tmp_path) == plain
    # The home page links from the base.
    assert 'href="assets/js/main.js"' in module_preload.add_links(page, "", tmp_path)
