"""Opening the database: migrations run at most one at a time in a process."""
import threading
from pathlib import Path

from bideval.storage import Store
from test_storage import schema_drift


def test_stores_opened_together_from_threads_each_migrate_their_database(tmp_path: Path):
    """Alembic keeps the migration under way in module globals: four stores opened at once from four threads (a
    soak test, an app server's sessions starting together) failed inside Alembic (KeyError: 'script', a table made
    twice). Each now opens with the models' schema."""
    urls = [f"sqlite:///{tmp_path / f'db{i}.sqlite3'}" for i in range(4)] + [f"sqlite:///{tmp_path / 'shared.sqlite3'}"] * 3
    stores: dict[int, Store] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(len(urls))

    def open_store(i: int, url: str) -> None:
        start.wait()
        try:
            stores[i] = Store(url)
        except BaseException as error:  # noqa: BLE001 - the failure is what the test reports
            failures.append(error)

    threads = [threading.Thread(target=open_store, args=(i, url)) for i, url in enumerate(urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert all(schema_drift(store.engine) == [] for store in stores.values()) and len(stores) == len(urls)
