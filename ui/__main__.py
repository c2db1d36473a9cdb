from ui.entry import main

main()
