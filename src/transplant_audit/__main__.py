"""``python -m transplant_audit``: the same command line as the ``transplant-audit`` script."""

from transplant_audit.cli import main

if __name__ == "__main__":
    main()
