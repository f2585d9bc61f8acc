import BudgetCore

/// `plan-mismatch` (warning): the file's `Kế hoạch` row names another plan — a template
/// from last year's round, or another province's. A warning, not an error: the lines
/// are still judged against this plan, and will fail there if they do not belong.
///
/// Plan ids compare like codes (case-insensitive, trimmed). On the row's line; value =
/// the id as written, `expected` = this plan's id. The last `Kế hoạch` row counts.
public enum PlanMismatchRule {
    /// The `plan-mismatch` finding for `preamble`, if its plan row names another plan.
    public static func check(_ preamble: Preamble, plan: Plan) -> [Finding] {
        guard let row = preamble.value(.plan) else { return [] }
        let written = Folding.trim(row.value)
        guard !written.isEmpty, Plan.codeKey(written) != Plan.codeKey(plan.id) else { return [] }
        return [Finding(.planMismatch, line: row.line, value: written, arguments: ["expected": plan.id])]
    }
}
