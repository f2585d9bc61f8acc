/// Validation against the plan. See the module landing page.
public enum BudgetRules {}
