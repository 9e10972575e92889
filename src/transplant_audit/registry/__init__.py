"""The transplant-tourism registry (issue 16): pseudonymous case reports of citizens who
had a transplant abroad, duplicate detection, and suppressed published aggregates.

- ``core``: pure rules (pseudonyms, case fields, identifier-looking text, duplicates).
- ``suppress``: primary and complementary suppression of the released tables (pure).
- ``keyfile``: the pseudonym key file (I/O edge).
- ``schema`` / ``store``: the registry's tables and their reads and writes.
- ``api``: the web routes (a router the workbench includes); ``commands``: the CLI.
"""
