"""`python -m generator`: the CrowdGuru command line."""

from generator.cli import main

raise SystemExit(main())
