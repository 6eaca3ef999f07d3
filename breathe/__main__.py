from breathe.cli import main

raise SystemExit(main())
