import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget check FILE... --plan PLAN.json`: validate files, store nothing.
enum CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check",
        abstract: Localized(
            vi: "Kiểm tra tệp dự toán theo kế hoạch; không lưu gì.",
            en: "Check estimate files against a plan; stores nothing."),
        discussion: Localized(
            vi: "Mã thoát: 0 hợp lệ (có thể có cảnh báo), 1 có lỗi, 2 dùng sai lệnh.",
            en: "Exit codes: 0 valid (warnings allowed), 1 errors found, 2 usage error."),
        options: [CommonOptions.plan, CommonOptions.agency, CommonOptions.format, CommonOptions.encoding]
            + CommonOptions.limits,
        positionals: [
            PositionalSpec(
                "FILE",
                help: Localized(
                    vi: "Tệp CSV hoặc sổ Excel (.xlsx) cần kiểm tra.",
                    en: "CSV files or Excel workbooks (.xlsx) to check."),
                repeating: true)
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        guard let planPath = arguments.value("plan") else {
            throw EngineError(.usage, Localized(vi: "cần --plan PLAN.json", en: "--plan PLAN.json is required"))
        }
        let options = try ReadOptionsParsing.parse(arguments)
        let plan = try LoadPlan().run(path: planPath)
        let results = try CheckFiles().run(files: arguments.positionals, plan: plan, options: options)
        if arguments.value("format") == "json" {
            context.terminal.print(ResultJSON.check(results, context.language))
        } else {
            for result in results { text(result, context) }
        }
        return results.allSatisfy(\.valid) ? .done : .invalidInput
    }

    static func text(_ r: FileCheck, _ context: CommandContext) {
        for finding in r.findings {
            for line in FindingText.lines(finding, context.language, terminal: context.terminal) { context.say(line) }
        }
        let vi = context.language == .vi
        let agency = r.agency.map { "\($0.code) (\($0.name))" } ?? (vi ? "không rõ đơn vị" : "agency unknown")
        let total = r.total.map { $0.grouped() + (vi ? " đồng" : " đồng") } ?? "—"
        let verdict: String
        if r.valid {
            verdict = context.terminal.colored(vi ? "HỢP LỆ" : "VALID", "1;32")
        } else {
            // `check` returns nothing to anyone: the accountant's own test says what to fix.
            verdict = context.terminal.colored(vi ? "CÓ LỖI, CẦN SỬA" : "ERRORS TO CORRECT", "1;31")
        }
        let lines = vi ? "\(r.lines) dòng" : "\(r.lines) line\(r.lines == 1 ? "" : "s")"
        let totalLabel = vi ? "tổng" : "total"
        context.say(
            "\(r.file): \(verdict) — \(agency), \(lines), \(totalLabel) \(total); \(FindingText.counts(r.findings, context.language))"
        )
    }
}
