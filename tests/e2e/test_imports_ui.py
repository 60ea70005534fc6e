"""Issue 11 point 1 in a browser, UI only with the demo logins: BKPSDM imports an employee CSV with
one bad row (the error shown in place, nothing written — checked through the API), then the
corrected file (written), and downloads the BKN e-Kinerja export. axe on every state visited,
1280 and 360 px, Indonesian and English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from server.domain.enums import Gender
from server.domain.nip import make_nip
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
)
from tests.e2e.steps.imports import (
    apply_import,
    choose_file,
    download_bkn_export,
    drop_file,
    open_bkn,
    open_imports,
    pick_with_the_keyboard,
    preview_errors,
)

# Sequence numbers far above the demo's (it numbers people from 1): new people on any run.
NIPS = [make_nip(date(1992, 4, 5), date(2016, 3, 1), Gender.PEREMPUAN, n) for n in (981, 982, 983)]
HEADER = "nip,nama,jenis_asn,golongan,status,kode_jabatan,tmt_jabatan"


def employees_csv(bad: bool) -> bytes:
    rows = [
        f"{NIPS[0]},Uji Impor Satu,PNS,III/a,,,",
        f"{NIPS[1]},Uji Impor Dua,PNS,{'V/z' if bad else 'II/c'},,,",
        f"{NIPS[2]},Uji Impor Tiga,PNS,III/b,,,",
    ]
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode()


def stored(page: Any, live_server: LiveServer) -> int:
    """How many of the file's people exist (read through the API to check the screen)."""
    total = 0
    for nip in NIPS:
        data = graphql(
            page,
            live_server,
            "query($s: String) { employees(search: $s) { totalCount } }",
            {"s": nip},
        )
        total += data["employees"]["totalCount"]
    return total


def import_events(page: Any, live_server: LiveServer) -> int:
    data = graphql(page, live_server, '{ auditEvents(action: "import.") { totalCount } }')
    return int(data["auditEvents"]["totalCount"])


def test_employee_import_with_a_bad_row_then_the_corrected_file(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "admin.bkpsdm")
    assert stored(page, live_server) == 0
    events = import_events(page, live_server)

    open_imports(page, "EMPLOYEES")
    assert_accessible(page, "import screen")
    pick_with_the_keyboard(page)
    preview = choose_file(page, "pegawai.csv", employees_csv(bad=True))
    expect(preview).to_have_attribute("data-ok", "false")
    expect(preview).to_have_attribute("data-rows", "3")
    errors = preview_errors(page)
    assert [(line, field) for line, field, _ in errors] == [(3, "golongan")], errors
    assert "V/Z" in errors[0][2].upper()
    bad_row = page.locator("[data-testid=import-row][data-line='3']")
    expect(bad_row).to_have_attribute("data-ok", "false")
    expect(bad_row.locator("td.cell-invalid")).to_contain_text("V/z")
    expect(page.locator("[data-testid=import-row][data-ok=true]")).to_have_count(2)
    expect(page.get_by_test_id("import-bad-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_test_id("import-apply")).to_be_disabled()
    assert_accessible(page, "preview with a bad row")
    screenshot(page, "imports-bad-row-1280")
    # Nothing was written by checking the file.
    assert stored(page, live_server) == 0
    assert import_events(page, live_server) == events

    preview = drop_file(page, "pegawai-benar.csv", employees_csv(bad=False))
    expect(preview).to_have_attribute("data-ok", "true")
    expect(page.get_by_test_id("import-ready")).to_contain_text("3 baru")
    assert preview_errors(page) == []
    assert stored(page, live_server) == 0, "the preview writes nothing"
    assert apply_import(page) == (3, 0, 0)
    assert_accessible(page, "import applied")
    screenshot(page, "imports-applied-1280")
    assert stored(page, live_server) == 3
    assert import_events(page, live_server) == events + 1

    # The same file again: every row is unchanged, nothing new is written.
    preview = choose_file(page, "pegawai-benar.csv", employees_csv(bad=False))
    expect(page.get_by_test_id("import-ready")).to_contain_text("tidak mengubah")
    assert apply_import(page) == (0, 0, 3)
    assert import_events(page, live_server) == events + 1


def test_import_screen_at_360_px_in_english(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = new_page(browser, width=360, lang="en")
    pages.append(page)
    login_as(page, live_server, "admin.bkpsdm")
    open_imports(page, "EMPLOYEES", lang="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import data")
    assert fits_width(page)
    assert_accessible(page, "import screen 360 en")
    preview = choose_file(page, "employees.csv", employees_csv(bad=True))
    expect(preview).to_have_attribute("data-ok", "false")
    # Server messages stay Indonesian, marked so for screen readers.
    expect(page.get_by_test_id("import-cell-error").first).to_have_attribute("lang", "id")
    assert fits_width(page), "the preview table scrolls inside its region, not the page"
    assert_accessible(page, "preview 360 en")
    screenshot(page, "imports-bad-row-360-en")
    # A file in another encoding is refused next to the file field, before anything is sent.
    page.get_by_test_id("import-file-input").set_input_files(
        {
            "name": "latin1.csv",
            "mimeType": "text/csv",
            "buffer": "nip,nama\nRen\xe9\n".encode("latin-1"),
        }
    )
    expect(page.get_by_test_id("import-file-error")).to_contain_text("not UTF-8")
    assert_accessible(page, "encoding error 360 en")


@pytest.mark.parametrize(("width", "lang"), [(1280, "id"), (360, "en")])
def test_bkn_export_downloads(
    live_server: LiveServer, browser: Any, pages: list[Any], width: int, lang: str
) -> None:
    page = new_page(browser, width=width, lang=lang)
    pages.append(page)
    login_as(page, live_server, "admin.bkpsdm")
    years = graphql(page, live_server, "{ appraisalYears { year status } }")["appraisalYears"]
    year = max(y["year"] for y in years if y["status"] == "DIBUKA")
    open_bkn(page, lang=lang)
    assert_accessible(page, f"bkn {width} {lang}")
    assert fits_width(page)
    screenshot(page, f"imports-bkn-{width}-{lang}")
    download = download_bkn_export(page, year)
    assert download.suggested_filename == f"bkn-skp-{year}.csv"
    with open(download.path(), "rb") as handle:
        head = handle.read(400).decode("utf-8-sig")
    assert head.startswith("nip_pegawai,"), head[:80]
    if width == 1280:
        # The same file back as a BKN import: checked in place, every SKP already here.
        page.locator("#bkn-import-year").select_option(str(year))
        with open(download.path(), "rb") as handle:
            exported = handle.read()
        preview = choose_file(page, download.suggested_filename, exported)
        expect(preview).to_have_attribute("data-ok", "true")
        expect(page.get_by_test_id("import-ready")).to_contain_text("tidak mengubah")
        assert preview_errors(page) == []
        assert_accessible(page, "bkn import preview")
        screenshot(page, "imports-bkn-preview-1280")
    # A wrong unit code is refused next to its field; no download link meanwhile.
    page.locator("#bkn-export-unit").fill("bad code!")
    expect(page.get_by_test_id("error-unitCode")).to_be_visible()
    expect(page.get_by_test_id("bkn-download")).to_have_count(0)
    assert_accessible(page, f"bkn unit error {width} {lang}")
