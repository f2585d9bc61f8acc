/// Use cases. See the module landing page.
public enum BudgetEngine {}
