"""Steps of BKPSDM's import screens (/portal/bkpsdm/impor, /portal/bkpsdm/bkn).

Compose them into longer walks::

    from tests.e2e.steps.imports import (
        apply_import, choose_file, download_bkn_export, drop_file, open_bkn, open_imports,
        pick_with_the_keyboard, preview_errors,
    )

    open_imports(page, "EMPLOYEES")                       # through the menu, then the kind
    pick_with_the_keyboard(page)                          # Tab, Enter opens the chooser
    choose_file(page, "pegawai.csv", csv_bytes)
    preview_errors(page)                                  # [(line, column or None, message)]
    drop_file(page, "pegawai-benar.csv", good_bytes)      # drag and drop
    apply_import(page)                                    # (created, updated, unchanged)
    open_bkn(page); download_bkn_export(page, 2026)       # the file's bytes

Each step waits for what the person would see before it returns.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import menu_link, settle

KIND_LABEL = {
    "id": {"ORGANISATION": "Organisasi (unit dan jabatan)", "EMPLOYEES": "Pegawai"},
    "en": {"ORGANISATION": "Organisation (units and positions)", "EMPLOYEES": "Employees"},
}
MENU = {"id": ("Impor Data", "BKN e-Kinerja"), "en": ("Import data", "BKN e-Kinerja")}

# Records that the apply's progress indicator was on screen, however fast the server answers.
_WATCH_PROGRESS = """
() => {
  window.__importProgress = 0;
  if (window.__importObserver) window.__importObserver.disconnect();
  window.__importObserver = new MutationObserver(() => {
    if (document.querySelector('[data-testid=import-progress] progress')) window.__importProgress += 1;
  });
  window.__importObserver.observe(document.body, { subtree: true, childList: true });
}
"""


def open_imports(page: Any, kind: str = "EMPLOYEES", lang: str = "id") -> None:
    """The import screen through the menu, with the kind of data chosen."""
    # By href with its text: a link of a folded section (360 px) is not in the accessibility
    # tree until menu_link unfolds it, so get_by_role would never find it.
    menu_link(
        page.locator(".staff-nav a[href='/portal/bkpsdm/impor']", has_text=MENU[lang][0])
    ).click()
    page.wait_for_url("**/portal/bkpsdm/impor*")
    settle(page)
    page.get_by_label(KIND_LABEL[lang][kind], exact=True).check()
    expect(page.get_by_test_id("csv-import")).to_have_attribute("data-kind", kind)


def _wait_for_preview(page: Any, name: str) -> Any:
    expect(page.get_by_test_id("import-file-name")).to_contain_text(name)
    preview = page.get_by_test_id("import-preview")
    expect(preview).to_be_visible()
    return preview


def choose_file(page: Any, name: str, data: bytes) -> Any:
    """Picks a file (as the browser's file chooser would give it); returns the preview."""
    page.get_by_test_id("import-file-input").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    return _wait_for_preview(page, name)


def pick_with_the_keyboard(page: Any) -> None:
    """Tab from the template link reaches "Pilih berkas" and Enter opens the file chooser (seen
    as the click on the file input: Chromium's own chooser is unreliable in a loaded test run)."""
    page.evaluate(
        """() => {
          window.__pickerOpened = 0;
          const input = document.querySelector('[data-testid=import-file-input]');
          input.addEventListener('click', (event) => {
            window.__pickerOpened += 1;
            event.preventDefault();
          });
        }"""
    )
    page.get_by_test_id("import-template").focus()
    page.keyboard.press("Tab")
    # The "?" of the file's help comes first (it explains the template and the preview).
    expect(page.get_by_test_id("import-dropzone").get_by_test_id("help-toggle")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("import-pick")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_function("window.__pickerOpened === 1")


def drop_file(page: Any, name: str, data: bytes) -> Any:
    """Drags a file onto the drop zone; returns the preview."""
    transfer = page.evaluate_handle(
        """([name, text]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], name, { type: 'text/csv' }));
          return transfer;
        }""",
        [name, data.decode()],
    )
    zone = page.get_by_test_id("import-dropzone")
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    return _wait_for_preview(page, name)


def preview_errors(page: Any) -> list[tuple[int, str | None, str]]:
    """Every error the preview shows in place: (line, column or None, message)."""
    found: list[tuple[int, str | None, str]] = []
    for row in page.get_by_test_id("import-row").all():
        line = int(row.get_attribute("data-line") or "0")
        for cell in row.get_by_test_id("import-cell-error").all():
            found.append((line, cell.get_attribute("data-field"), cell.inner_text()))
        for cell in row.get_by_test_id("import-row-error").all():
            found.append((line, None, cell.inner_text()))
    return found


def apply_import(page: Any) -> tuple[int, int, int]:
    """Terapkan: the progress indicator shows, then the summary; (created, updated, unchanged)."""
    page.evaluate(_WATCH_PROGRESS)
    button = page.get_by_test_id("import-apply")
    expect(button).to_be_enabled()
    button.click()
    summary = page.get_by_test_id("import-summary")
    expect(summary).to_be_visible(timeout=30_000)
    expect(summary).to_be_focused()
    assert page.evaluate("window.__importProgress") > 0, "no progress indicator was shown"
    return (
        int(summary.get_attribute("data-created") or "-1"),
        int(summary.get_attribute("data-updated") or "-1"),
        int(summary.get_attribute("data-unchanged") or "-1"),
    )


def open_bkn(page: Any, lang: str = "id") -> None:
    """The BKN e-Kinerja screen through the menu."""
    menu_link(
        page.locator(".staff-nav a[href='/portal/bkpsdm/bkn']", has_text=MENU[lang][1])
    ).click()
    page.wait_for_url("**/portal/bkpsdm/bkn")
    settle(page)
    expect(page.get_by_test_id("bkn-export")).to_be_visible()


def download_bkn_export(page: Any, year: int, what: str = "skp", fmt: str = "csv") -> Any:
    """Chooses the year, contents and format, downloads; returns the Playwright Download."""
    page.locator("#bkn-export-year").select_option(str(year))
    page.get_by_test_id(f"bkn-what-{what}").check()
    page.get_by_test_id(f"bkn-format-{fmt}").check()
    with page.expect_download() as download:
        page.get_by_test_id("bkn-download").click()
    return download.value
