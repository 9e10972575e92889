"""Migration scripts: 0001_core (store), 0002_archive_ledger (capture), 0003_review (extract)."""
