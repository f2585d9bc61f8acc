/// Argument scanning. See the module landing page.
public enum BudgetCommandLine {}
