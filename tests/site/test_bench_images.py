"""`make bench`'s picture part cannot rot: bench.images runs end to end on one
small photo. Asserts the report's shape, never timings."""

import json

from bench import images


def test_report_has_bytes_per_format_and_cold_and_warm_times(tmp_path):
    assert images.main(["--photos", "1", "--size", "1700x1275", "--quiet", "--results", str(tmp_path)]) == 0
    (path,) = tmp_path.glob("images-*.json")
    report = json.loads(path.read_text())
    assert report["photo_size"] == [1700, 1275] and report["machine"]["nproc"]
    (row,) = report["photos"]
    assert row["files"] == 12, "AVIF, WebP and JPEG at 480, 800, 1200 and 1600 px"
    for key in ("avif_800", "avif_1600", "webp_800", "webp_1600", "jpg_800", "jpg_1600"):
        assert 0 < row[key] < row["source_bytes"], key
    assert row["avif_1600"] < row["jpg_1600"]
    for run in ("cold", "warm"):
        assert set(report[run]) == {"wall_s", "cpu_s"}
    assert "| median |" in images.table(report)
