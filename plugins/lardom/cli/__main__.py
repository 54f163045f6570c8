from . import main

main()  # pragma: no cover
