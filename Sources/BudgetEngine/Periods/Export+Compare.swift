import BudgetCore
import Foundation

extension Export {
    /// `export --compare OTHER-ROUND`: this round's agencies or items beside another
    /// round's of the same plan, and the change (``RoundComparison``).
    ///
    /// Only `--what agencies` and `--what items` compare: a matrix of changes (agency ×
    /// item × two rounds) or a list of lines (lines have no identity across rounds: a
    /// resubmitted file renumbers them) would not say more than those two and would not
    /// print on A4. Both rounds pass their tamper checks, each in the snapshot its figures
    /// are read from. The other round must hold a plan with the same `id`; its plan file
    /// may differ (a recurring plan amended between periods), rows being matched by code.
    func compare(
        _ request: ExportRequest, with otherDirectory: String, roundDirectory: String, clock setting: ClockSetting,
        standardOutput: (([UInt8]) -> Void)
    ) throws(EngineError) {
        guard request.what == .agencies || request.what == .items else {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "--compare chỉ dùng với --what agencies hoặc --what items, không dùng với --what \(request.what.rawValue)",
                    en:
                        "--compare works with --what agencies or --what items, not with --what \(request.what.rawValue)"
                ),
                details: [
                    Localized(
                        vi: "gợi ý: so sánh theo đơn vị (agencies) hoặc theo nội dung (items)",
                        en: "hint: compare by agency (agencies) or by item (items)")
                ])
        }
        let round = try OpenRound.run(roundDirectory)
        let other = try Self.openOther(otherDirectory)
        guard other.plan.id == round.plan.id else {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "đợt so sánh «\(otherDirectory)» thuộc kế hoạch «\(other.plan.id)», không phải «\(round.plan.id)»: chỉ so sánh được hai đợt của cùng một kế hoạch",
                    en:
                        "the round to compare \"\(otherDirectory)\" is of the plan \"\(other.plan.id)\", not \"\(round.plan.id)\": only two rounds of the same plan compare"
                ))
        }
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        try round.snapshot {
            let this = try round.consolidation()
            try round.verify(counted: this.counted)
            let that = try other.snapshot {
                let that = try other.consolidation()
                try other.verify(counted: that.counted)
                return that
            }
            let comparison = try RoundComparison.make(
                this, with: that, samePlan: round.planSHA256 == other.planSHA256)
            let table = ComparisonTables.table(request.what, comparison)
            let layout = ComparisonTables.titled(table, comparison, now: now, clockKind: clock.kind)
            try deliver(table, request, plan: round.plan, now: now, layout: layout, standardOutput: standardOutput)
        }
    }

    /// Opens the round named by `--compare`; a folder that holds no round is a usage
    /// error that names the option.
    static func openOther(_ directory: String) throws(EngineError) -> Round {
        do {
            return try OpenRound.run(directory)
        } catch {
            guard error.kind == .usage else { throw error }
            throw EngineError(
                .usage,
                Localized(
                    vi: "--compare «\(directory)»: không mở được đợt tổng hợp để so sánh",
                    en: "--compare \"\(directory)\": the round to compare cannot be opened"),
                details: [error.message] + error.details + [
                    Localized(
                        vi: "gợi ý: --compare nhận thư mục của một đợt khác của cùng kế hoạch, ví dụ đợt kỳ trước",
                        en:
                            "hint: --compare takes the folder of another round of the same plan, such as the last period's"
                    )
                ])
        }
    }
}
