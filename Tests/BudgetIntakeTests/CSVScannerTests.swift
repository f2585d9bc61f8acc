import Testing

@testable import BudgetIntake
