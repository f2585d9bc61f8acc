/// The tool's version, written into manifests and the store.
public enum BudgetVersion {
    public static let current = "0.1.0"
}
