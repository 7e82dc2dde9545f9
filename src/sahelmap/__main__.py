from sahelmap.cli import main

main()
