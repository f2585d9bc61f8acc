/// Bytes → estimate lines. See the module landing page.
public enum BudgetIntake {}
