import BudgetCore

/// How the papers name the period of a round of a recurring plan: "tháng 02/2020".
///
/// The period goes into texts the papers already have (the subject line, the title
/// block's heading, the page title) rather than into new template fields, so that a
/// layout edited before periods existed (`package --layouts`) still names it.
enum PeriodText {
    /// "THÁNG 02/2020" after a sheet's heading; the heading alone for a round with one
    /// deadline.
    static func heading(_ heading: String, _ plan: Plan) -> String {
        guard let period = plan.period else { return heading }
        return heading + " " + period.vietnamese.uppercased()
    }

    /// " — tháng 02/2020" after a page title; nothing for a round with one deadline.
    static func pageSuffix(_ plan: Plan) -> String {
        plan.period.map { " — " + $0.vietnamese } ?? ""
    }

    /// " (kỳ tháng 02/2020)" after the plan's title; nothing for a round with one deadline.
    static func titleSuffix(_ plan: Plan) -> String {
        plan.period.map { " (kỳ \($0.vietnamese))" } ?? ""
    }
}
