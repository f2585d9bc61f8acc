import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// `budget init DIR --plan PLAN.json [--period YYYY-MM]`.
enum InitCommand: Command {
    static let spec = CommandSpec(
        name: "init",
        abstract: Localized(
            vi: "Mở một đợt tổng hợp trong thư mục DIR theo kế hoạch.",
            en: "Open a consolidation round in DIR for a plan."),
        options: [
            CommonOptions.plan,
            OptionSpec(
                "period", .value("YYYY-MM"),
                help: Localized(
                    vi: "Kỳ của đợt (tháng), cho kế hoạch có hạn định kỳ: 2020-02 là tháng 02/2020.",
                    en: "The round's period (a month), for a plan whose deadline recurs: 2020-02 is February 2020.")),
        ],
        positionals: [
            PositionalSpec(
                "DIR",
                help: Localized(
                    vi: "Thư mục của đợt (chưa chứa đợt nào).", en: "The round's directory (must not hold one already)."
                ))
        ])

    static let changesRound = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        guard let planPath = arguments.value("plan") else {
            throw EngineError(.usage, Localized(vi: "cần --plan PLAN.json", en: "--plan PLAN.json is required"))
        }
        let directory = arguments.positionals[0]
        let plan = try InitRound().run(
            directory: directory, planPath: planPath, period: arguments.value("period"), clock: try context.clock())
        context.journal.committed.append(Localized(vi: "đợt tổng hợp «\(directory)»", en: "the round \"\(directory)\""))
        let deadline = ISOTime.human(plan.deadline.shown, in: plan.timeZone, context.language)
        let period = plan.period.map { (vi: " kỳ \($0.vietnamese)", en: " for \($0.english)") } ?? (vi: "", en: "")
        context.say(
            context.text(
                Localized(
                    vi:
                        "Đã mở đợt tổng hợp «\(plan.id)»\(period.vi) trong \(directory): \(plan.agencies.count) đơn vị, \(plan.items.count) nội dung, hạn \(deadline).",
                    en:
                        "Opened round \"\(plan.id)\"\(period.en) in \(directory): \(plan.agencies.count) agencies, \(plan.items.count) items, deadline \(deadline)."
                )))
        return .done
    }
}
