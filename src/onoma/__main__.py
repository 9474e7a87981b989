from onoma.cli import main

main()
