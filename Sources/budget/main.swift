print("budget: not yet wired")
