/// Writers for neutral tables and documents. See the module landing page.
public enum BudgetFormats {}
