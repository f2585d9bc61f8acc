import BudgetCommandLine
import BudgetCore
import BudgetEngine
import Foundation

/// `budget demo [--out DIR]`: the whole flow on the bundled example, simulated clock.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        name: "demo",
        abstract: Localized(
            vi: "Chạy thử toàn bộ quy trình trên ví dụ Kon Tum 2020 (đồng hồ mô phỏng).",
            en: "Run the whole flow on the bundled Kon Tum 2020 example (simulated clock)."),
        options: [
            OptionSpec(
                "out", .value("DIR"),
                help: Localized(
                    vi: "Thư mục ghi kết quả (mặc định: budget-demo trong thư mục hiện tại).",
                    en: "Where to write (default: budget-demo in the current directory)."))
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let demo = Demo()
        let out = try demo.outputDirectory(
            arguments.value("out"), currentDirectory: LocalFileSystem().currentDirectory)
        let progress = ProgressLine(terminal: context.terminal, language: context.language)
        let result = try demo.run(out: out, progress: progress.update)
        progress.end()
        let vi = context.language == .vi
        let zone = result.plan.timeZone
        let lang = context.language
        context.say(
            vi
                ? "Chạy thử với đồng hồ mô phỏng — kế hoạch \(result.plan.id)"
                : "Demo with a simulated clock — plan \(result.plan.id)")
        context.say((vi ? "Hạn nộp: " : "Deadline: ") + ISOTime.human(result.plan.deadline.shown, in: zone, lang))
        context.say(
            (vi ? "Hồ sơ ví dụ: " : "Example files: ") + PathText.parent(result.planPath))
        context.say((vi ? "Đợt tổng hợp: " : "Round: ") + result.roundDirectory)
        context.say("")
        for (step, r) in result.steps {
            let when = ISOTime.human(r.receipt.recordedAt, in: zone, lang)
            let decision = Labels.decision(r.receipt.decision, lang)
            let errors = r.check.findings.filter(\.isError).count
            var line = "[\(when)] budget submit \(step.file)"
            if step.receivedAt != nil { line += " --received-at \(step.receivedAt ?? "")" }
            if step.reason != nil { line += " --accept-late" }
            line += " → \(r.receipt.agency ?? "?"): \(decision) (exit \(r.exitStatus.rawValue))"
            if let total = r.check.total, r.receipt.decision.counts { line += ", \(total.grouped()) đồng" }
            if errors > 0 { line += vi ? ", \(errors) lỗi" : ", \(errors) errors" }
            context.say(line)
        }
        context.say("")
        StatusCommand.text(result.status, context)
        context.say("")
        PackageCommand.report(result.package, context)
        context.say("")
        context.say(
            (vi ? "Cổng tiếp nhận trên đợt này: " : "The portal on this round: ")
                + "budget access --round \(result.roundDirectory) --all && budget serve --round \(result.roundDirectory)"
        )
        return .done
    }
}
