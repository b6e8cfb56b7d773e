"""bench/compare_output.py: two built sites are the same when they hold the same
files with the same bytes, or, for images, the same pixels."""

from PIL import Image

from bench.compare_output import differences


def write_site(root, files):
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def png(path, compress_level):
    image = Image.new("RGB", (40, 20), "#0b5c63")
    image.putpixel((3, 4), (255, 213, 74))
    image.save(path, "PNG", compress_level=compress_level)
    return path.read_bytes()


def test_the_same_site_has_no_differences(tmp_path):
    files = {"index.html": b"<p>Hello</p>\n", "css/main.css": b"p{}\n"}
    assert differences(write_site(tmp_path / "a", files), write_site(tmp_path / "b", files)) == []


def test_a_changed_page_is_named_with_its_changed_lines(tmp_path):
    base = write_site(tmp_path / "a", {"about/index.html": b"<h1>About</h1>\n<p>Old</p>\n"})
    head = write_site(tmp_path / "b", {"about/index.html": b"<h1>About</h1>\n<p>New</p>\n"})
    found = differences(base, head)
    assert found[0] == "differs: about/index.html"
    assert "    -<p>Old</p>" in found and "    +<p>New</p>" in found


def test_files_on_one_side_only_are_named(tmp_path):
    base = write_site(tmp_path / "a", {"index.html": b"x", "old.html": b"y"})
    head = write_site(tmp_path / "b", {"index.html": b"x", "new.html": b"z"})
    assert differences(base, head) == ["only at base: old.html", "only in the working tree: new.html"]


def test_images_with_the_same_pixels_are_the_same(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    packed_tight = png(tmp_path / "a" / "card.png", 9)
    packed_fast = png(tmp_path / "b" / "card.png", 1)
    assert packed_tight != packed_fast
    assert differences(tmp_path / "a", tmp_path / "b") == []


def test_images_with_other_pixels_differ(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    png(tmp_path / "a" / "card.png", 6)
    Image.new("RGB", (40, 20), "#ffffff").save(tmp_path / "b" / "card.png")
    assert differences(tmp_path / "a", tmp_path / "b") == ["differs: card.png"]


def search_index(root, fragments, filter_name):
    index = root / "pagefind"
    (index / "fragment").mkdir(parents=True)
    (index / "filter").mkdir()
    count = len(fragments)
    (index / "pagefind-entry.json").write_text(
        '{"version": "1.5.2", "languages": {"en": {"hash": "en_%s", "page_count": %d}}}'
        % (filter_name, count))
    for name in fragments:
        (index / "fragment" / name).write_bytes(b"x")
    (index / "filter" / f"en_{filter_name}.pf_filter").write_bytes(filter_name.encode())


def test_the_search_index_is_compared_by_what_it_holds_not_its_file_names(tmp_path):
    search_index(tmp_path / "a", ["en_1.pf_fragment", "en_2.pf_fragment"], "aaa")
    search_index(tmp_path / "b", ["en_1.pf_fragment", "en_2.pf_fragment"], "bbb")
    assert differences(tmp_path / "a", tmp_path / "b") == []


def test_a_search_index_with_other_pages_differs(tmp_path):
    search_index(tmp_path / "a", ["en_1.pf_fragment", "en_2.pf_fragment"], "aaa")
    search_index(tmp_path / "b", ["en_1.pf_fragment", "en_3.pf_fragment"], "aaa")
    assert differences(tmp_path / "a", tmp_path / "b") == [
        "search index: pages {'en': 2} at base, {'en': 2} in the working tree; 2 fragments differ"]
