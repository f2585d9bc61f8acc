import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget template --plan PLAN.json --agency CODE [--format csv|xlsx] [-o FILE] [--force]`.
enum TemplateCommand: Command {
    static let spec = CommandSpec(
        name: "template",
        abstract: Localized(
            vi: "Ghi mẫu dự toán của một đơn vị, CSV hoặc Excel (các nội dung được giao đã điền sẵn).",
            en: "Write an agency's estimate template, CSV or Excel (its assigned items filled in)."),
        options: [
            CommonOptions.plan,
            OptionSpec("agency", .value("CODE"), help: Localized(vi: "Mã đơn vị.", en: "The agency's code.")),
            OptionSpec(
                "format", .value("FORMAT"),
                help: Localized(
                    vi: "Định dạng; mặc định theo đuôi tệp -o (.xlsx là Excel), còn lại CSV.",
                    en: "Format; by default from the -o file's extension (.xlsx is Excel), else CSV."),
                choices: TemplateFormat.allCases.map(\.rawValue)),
            OptionSpec(
                "out", short: "o", .value("FILE"),
                help: Localized(
                    vi: "Tệp ghi ra (mặc định: in ra màn hình).", en: "Output file (default: standard output).")),
            OptionSpec(
                "force", .flag,
                help: Localized(
                    vi: "Thay tệp đã có (có thể là tệp kế toán đã điền).",
                    en: "Replace an existing file (it may be one the accountant filled in).")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        guard let planPath = arguments.value("plan") else {
            throw EngineError(.usage, Localized(vi: "cần --plan PLAN.json", en: "--plan PLAN.json is required"))
        }
        guard let agency = arguments.value("agency") else {
            throw EngineError(.usage, Localized(vi: "cần --agency MÃ", en: "--agency CODE is required"))
        }
        let output = OutputTarget(arguments.value("out"))
        let format = arguments.value("format").flatMap(TemplateFormat.init(rawValue:)) ?? .implied(by: output)
        if output == .standardOutput && format == .xlsx && context.terminal.stdoutIsTTY {
            throw EngineError(.usage, Localized(vi: "mẫu Excel cần -o TỆP", en: "an Excel template needs -o FILE"))
        }
        let clock = try context.clock()
        let plan = try LoadPlan().run(path: planPath)
        try MakeTemplate().run(
            plan: plan, agency: agency, format: format, now: clock.provider(zone: plan.timeZone).now(),
            output: output, force: arguments.has("force"), standardOutput: { context.terminal.write($0) })
        if case .file(let path) = output {
            context.warn(context.text(Localized(vi: "Đã ghi mẫu vào \(path).", en: "Template written to \(path).")))
        }
        return .done
    }
}
