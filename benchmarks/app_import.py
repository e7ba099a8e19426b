"""How long the app takes to import 300 bid forms: through the store, and through the Bids page in AppTest.

Generates 300 bid forms with the speed benchmark's generator (benchmarks/bench.py: every spelling
bidders use, some invalid bids), then, best of N, each time into a new tender of a temporary SQLite
file (the app's default database):

* store — ``pages/bids.py import_files`` (what the page's Import button calls: ``Store.import_bids``
  with a progress callback), the files already in memory;
* page — the Bids page in AppTest: choose the 300 files in the uploader, press Import, until the page
  has shown its report and the preview of every bid.

    .venv/bin/python benchmarks/app_import.py [--forms 300] [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from app_rerun import administrator, signed_in  # noqa: E402
from bench import CRITERIA, SEED, make_vendors, write_forms  # noqa: E402
from bideval.accounts import ADMIN_USERNAME  # noqa: E402
from bideval.rights import Role  # noqa: E402
from bideval.storage import Store  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bids_page():
    """pages/bids.py as a module, for import_files (the page itself does not run)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bids_page", ROOT / "pages" / "bids.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def new_tender(store: Store, name: str) -> int:
    admin = administrator(store)
    tender = store.create_tender(admin, name, CRITERIA.read_text(encoding="utf-8"), CRITERIA.name)
    store.give_role(admin, tender, ADMIN_USERNAME, Role.CHAIR)
    return tender


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("STREAMLIT_LOG_LEVEL", "error")
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        forms = Path(folder) / "forms"
        write_forms(forms, make_vendors(args.forms, SEED))
        uploads = [(p.name, p.read_bytes()) for p in sorted(forms.glob("*.xlsx"))]
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["DATABASE_URL"] = url
        store = Store(url)
        page = bids_page()

        store_times, cpu_times, seen = [], [], []
        for i in range(args.repeat):
            tender = new_tender(store, f"store {i}")
            seen.clear()
            started, cpu = time.perf_counter(), time.process_time()
            report = page.import_files(store, administrator(store), tender, uploads, progress=seen.append)
            store_times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
        print(f"store: {args.forms} forms, best {min(store_times):.3f} s, CPU {min(cpu_times):.3f} s (runs: "
              + ", ".join(f"{t:.3f}" for t in store_times) + f"); {len(report.accepted)} files accepted, "
              f"{len(report.refused)} refused; last progress: {seen[-1]}")

        page_times, page_cpu = [], []
        for i in range(args.repeat):
            tender = new_tender(store, f"page {i}")
            app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=600)
            app.session_state["tender_id"] = tender
            app.session_state["signin_token"] = signed_in(store, administrator(store), ADMIN_USERNAME)
            app.run()
            app.switch_page("pages/bids.py")
            app.run()
            app.file_uploader(key=f"bids_upload_{app.session_state.bids_upload_round}").set_value(
                [(name, data, XLSX) for name, data in uploads]).run()
            started, cpu = time.perf_counter(), time.process_time()
            app.button(key="bids_import").click().run()
            page_times.append(time.perf_counter() - started)
            page_cpu.append(time.process_time() - cpu)
            assert not app.exception, app.exception
        print(f"page: {args.forms} forms, best {min(page_times):.3f} s, CPU {min(page_cpu):.3f} s (runs: "
              + ", ".join(f"{t:.3f}" for t in page_times) + f"); the bar at the end: {app.get('progress')[0].proto.text}")


if __name__ == "__main__":
    main()
